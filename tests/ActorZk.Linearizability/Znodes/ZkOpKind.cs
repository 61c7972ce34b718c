namespace ActorZk.Linearizability.Znodes;

/// <summary>The ZooKeeper operations a history records.</summary>
public enum ZkOpKind
{
    /// <summary>create(path, data), persistent.</summary>
    Create,

    /// <summary>setData(path, data, expectedVersion); -1 matches any version.</summary>
    SetData,

    /// <summary>delete(path, expectedVersion); -1 matches any version.</summary>
    Delete,

    /// <summary>sync(path) then getData(path) on the same session: ZooKeeper's linearizable read, checked by the
    /// linearizability checker (and the session checker).</summary>
    Read,

    /// <summary>getData(path) without sync: may be stale, so only the session checker looks at it.</summary>
    PlainRead,
}
