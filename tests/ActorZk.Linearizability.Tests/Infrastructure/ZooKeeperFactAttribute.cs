namespace ActorZk.Linearizability.Tests.Infrastructure;

/// <summary>An end-to-end test: skipped, with the reason, when no ZooKeeper server can be used.</summary>
public sealed class ZooKeeperFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the server is unavailable.</summary>
    public ZooKeeperFactAttribute()
    {
        if (ZooKeeperServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
