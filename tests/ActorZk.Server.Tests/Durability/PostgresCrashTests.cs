using Xunit;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Durability;

/// <summary>The crash test with the txn log in PostgreSQL (a private cluster started for the tests).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests
{
    private readonly PostgresCluster postgres;
    private readonly ITestOutputHelper output;

    public PostgresCrashTests(PostgresCluster postgres, ITestOutputHelper output)
    {
        this.postgres = postgres;
        this.output = output;
    }

    [PostgresFact]
    public async Task AcknowledgedWritesSurviveSigkillOnPostgres()
    {
        var settings = CrashSettings.FromEnvironment();
        using var server = new DurableServer(
            Directory.CreateTempSubdirectory("actorzk-crash-pg-").FullName,
            StorageBackend.Postgres(await postgres.CreateDatabaseAsync()),
            CrashRun.ZooCfg(settings));

        await CrashRun.RunAsync(server, settings, output);
    }
}
