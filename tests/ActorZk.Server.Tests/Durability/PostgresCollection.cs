using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>The tests that share one private PostgreSQL cluster (each test takes a database of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL cluster";
}
