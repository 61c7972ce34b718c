using System.Globalization;
using ActorZk.Server.Tests.Hosting;
using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>A txn log that cannot be used stops the server at start with a clear message, before the client port opens.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("actorzk-startfail-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ASecondServerOnTheSameDataDirExitsNamingTheLock()
    {
        using var first = new DurableServer(Path.Combine(directory, "first"), StorageBackend.Sqlite);
        await first.StartAsync();
        await using (var client = await WireClient.ConnectAsync(first.EndPoint, 4000))
        {
            await client.CreateAsync("/before", "x");
        }

        using var rival = first.StartRival(out var rivalPort);
        var exitCode = await rival.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cannot open the txn log", rival.Output);
        Assert.Contains("is in use by another ActorZk server", rival.Output);
        Assert.Contains(Path.Combine(first.DataDir, "actorzk.lock"), rival.Output);
        Assert.Null(await ServerProcess.FourLetterWordAsync(rivalPort, "ruok"));

        // The first server is untouched and keeps serving its data.
        await using var after = await WireClient.ConnectAsync(first.EndPoint, 4000);
        Assert.NotNull(await after.ExistsAsync("/before"));
        await after.CreateAsync("/after", "y");
    }

    [Fact]
    public async Task AnUnreachablePostgresStopsTheServerWithAClearMessage()
    {
        var closedPort = ServerProcess.FreePort();
        var storage = StorageBackend.Postgres(string.Create(
            CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={closedPort};Database=actorzk;Username=postgres;Timeout=5"));
        using var server = new DurableServer(Path.Combine(directory, "pg"), storage);

        using var process = server.StartRival(out var port);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cannot open the txn log", process.Output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{closedPort}"), process.Output);
        Assert.Null(await ServerProcess.FourLetterWordAsync(port, "ruok"));
    }
}
