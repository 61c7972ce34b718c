namespace ActorZk.Server.Tests.Durability;

/// <summary>Where a test server keeps its txn log: the zoo.cfg lines that select it, and a name for messages.</summary>
internal sealed record StorageBackend(string Name, string ZooCfgLines)
{
    /// <summary>The default: dataDir/actorzk.db.</summary>
    public static StorageBackend Sqlite { get; } = new("SQLite", "storage.provider=sqlite");

    /// <summary>A PostgreSQL database, e.g. one made by <see cref="PostgresCluster.CreateDatabaseAsync"/>.</summary>
    public static StorageBackend Postgres(string connectionString)
        => new("PostgreSQL", $"storage.provider=postgresql\nstorage.connectionString={connectionString}");
}
