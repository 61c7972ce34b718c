using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>Restarts of the real server on its SQLite txn log (see <see cref="RecoveryScenarios"/>).</summary>
public sealed class RecoveryTests : IDisposable
{
    private readonly List<DurableServer> servers = [];

    public void Dispose()
    {
        foreach (var server in servers)
        {
            server.Dispose();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task RestartKeepsTheTreeAndTheZxidCounter(bool kill)
        => RecoveryScenarios.RestartKeepsTheTreeAndTheZxidCounterAsync(Server(), kill);

    [Fact]
    public Task SessionsResumeOrExpireAcrossARestart()
        => RecoveryScenarios.SessionsResumeOrExpireAcrossARestartAsync(Server());

    [Fact]
    public Task RecoveryStartsFromTheSnapshotAndReplaysTheTail()
        => RecoveryScenarios.RecoveryStartsFromTheSnapshotAndReplaysTheTailAsync(Server("snapCount=50"));

    private DurableServer Server(string extraConfig = "")
    {
        var server = new DurableServer(Directory.CreateTempSubdirectory("actorzk-recovery-").FullName, StorageBackend.Sqlite, extraConfig);
        servers.Add(server);
        return server;
    }
}
