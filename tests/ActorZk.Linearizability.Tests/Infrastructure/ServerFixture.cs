namespace ActorZk.Linearizability.Tests.Infrastructure;

/// <summary>One server per test class (xUnit class fixture).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ZooKeeperServer? server;

    /// <summary>The server's connect string.</summary>
    public string Hosts => server?.Hosts ?? throw new InvalidOperationException(ZooKeeperServer.SkipReason ?? "server not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (ZooKeeperServer.SkipReason is null)
        {
            server = await ZooKeeperServer.StartAsync("actorzk-lincheck-tests");
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
