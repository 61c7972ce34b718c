namespace ActorZk.Client.Tests.Infrastructure;

/// <summary>An end-to-end test that manipulates the server process: skipped against external servers (<c>ZK_TEST_HOSTS</c>).</summary>
public sealed class LocalZooKeeperFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no local server can be started.</summary>
    public LocalZooKeeperFactAttribute()
    {
        if (ZooKeeperServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
        else if (ZooKeeperServer.IsExternal)
        {
            Skip = $"needs a server process started by the tests; {ZooKeeperServer.HostsVariable} is set";
        }
    }
}
