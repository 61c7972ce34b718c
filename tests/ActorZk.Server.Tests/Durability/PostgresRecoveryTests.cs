using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>The restart scenarios of <see cref="RecoveryScenarios"/> with the txn log in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRecoveryTests : IDisposable
{
    private readonly PostgresCluster postgres;
    private readonly List<DurableServer> servers = [];

    public PostgresRecoveryTests(PostgresCluster postgres)
    {
        this.postgres = postgres;
    }

    public void Dispose()
    {
        foreach (var server in servers)
        {
            server.Dispose();
        }
    }

    [PostgresFact]
    public async Task RestartKeepsTheTreeAndTheZxidCounter()
        => await RecoveryScenarios.RestartKeepsTheTreeAndTheZxidCounterAsync(await ServerAsync(), kill: true);

    [PostgresFact]
    public async Task SessionsResumeOrExpireAcrossARestart()
        => await RecoveryScenarios.SessionsResumeOrExpireAcrossARestartAsync(await ServerAsync());

    [PostgresFact]
    public async Task RecoveryStartsFromTheSnapshotAndReplaysTheTail()
        => await RecoveryScenarios.RecoveryStartsFromTheSnapshotAndReplaysTheTailAsync(await ServerAsync("snapCount=50"));

    private async Task<DurableServer> ServerAsync(string extraConfig = "")
    {
        var storage = StorageBackend.Postgres(await postgres.CreateDatabaseAsync());
        var server = new DurableServer(Directory.CreateTempSubdirectory("actorzk-recovery-pg-").FullName, storage, extraConfig);
        servers.Add(server);
        return server;
    }
}
