namespace ActorZk.Bench.Tests.EndToEnd;

/// <summary>An end-to-end test: skipped, with the reason, when Apache ZooKeeper is not installed.</summary>
public sealed class ZooKeeperFactAttribute : FactAttribute
{
    public ZooKeeperFactAttribute()
    {
        if (ApacheZooKeeper.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
