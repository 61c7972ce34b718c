using Xunit;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// Issue 4's proof on the default store: nothing acknowledged is ever lost when the server is killed with
/// SIGKILL under concurrent load (SQLite in WAL mode with synchronous=FULL). See <see cref="CrashScenario"/>.
/// ACTORZK_CRASH_ROUNDS=n runs more rounds; ACTORZK_CRASH_SEED=s replays a run.
/// </summary>
public sealed class CrashTests
{
    private readonly ITestOutputHelper output;

    public CrashTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task AcknowledgedWritesSurviveSigkillOnSqlite()
    {
        var settings = CrashSettings.FromEnvironment();
        using var server = new DurableServer(
            Directory.CreateTempSubdirectory("actorzk-crash-").FullName,
            StorageBackend.Sqlite,
            CrashRun.ZooCfg(settings));

        await CrashRun.RunAsync(server, settings, output);
    }
}
