namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>A test that runs the real zkCli.sh against Apache ZooKeeper: skipped, with the reason, where it cannot.</summary>
public sealed class ZkCliFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when zkCli.sh or Apache ZooKeeper is missing.</summary>
    public ZkCliFactAttribute()
    {
        Skip = TestServer.ZkCliSkipReason;
    }
}
