namespace ActorZk.Server.Tests.Durability;

/// <summary>The effect of one write on one node.</summary>
internal enum CrashWriteKind
{
    Create,
    SetData,
    Delete,
}
