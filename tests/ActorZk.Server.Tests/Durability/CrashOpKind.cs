namespace ActorZk.Server.Tests.Durability;

/// <summary>The kinds of request the crash workload sends.</summary>
internal enum CrashOpKind
{
    /// <summary>create of a persistent node of the session's own.</summary>
    Create,

    /// <summary>create of a persistent sequential node in the shared parent.</summary>
    SequentialCreate,

    /// <summary>setData on an own node with the version it must have.</summary>
    SetOwn,

    /// <summary>setData with version -1 on a node all sessions write.</summary>
    SetShared,

    /// <summary>delete of an own node with the version it must have.</summary>
    Delete,

    /// <summary>multi: two creates, the session's multi counter set with its expected version, maybe an own set.</summary>
    Multi,

    /// <summary>multi that must fail (a create, then a set with a wrong version): nothing of it may ever show.</summary>
    FailingMulti,

    /// <summary>create of an ephemeral node.</summary>
    Ephemeral,
}
