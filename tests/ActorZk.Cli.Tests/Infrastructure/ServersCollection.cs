namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>The end-to-end tests: they share the servers and run one after the other, since they reset the tree.</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "servers";
}
