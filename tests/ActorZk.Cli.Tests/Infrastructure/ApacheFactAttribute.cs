namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>A test against Apache ZooKeeper 3.8: skipped, with the reason, where it is not installed.</summary>
public sealed class ApacheFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Apache ZooKeeper cannot run.</summary>
    public ApacheFactAttribute()
    {
        Skip = TestServer.ApacheSkipReason;
    }
}
