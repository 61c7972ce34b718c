namespace ActorZk.Bench.Tests.EndToEnd;

/// <summary>An end-to-end theory: skipped, with the reason, when Apache ZooKeeper is not installed.</summary>
public sealed class ZooKeeperTheoryAttribute : TheoryAttribute
{
    public ZooKeeperTheoryAttribute()
    {
        if (ApacheZooKeeper.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
