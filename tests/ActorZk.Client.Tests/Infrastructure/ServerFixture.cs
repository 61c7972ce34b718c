namespace ActorZk.Client.Tests.Infrastructure;

/// <summary>One server per test class (xUnit class fixture).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ZooKeeperServer? server;

    /// <summary>The server's connect string.</summary>
    public string Hosts => server?.Hosts ?? throw new InvalidOperationException(ZooKeeperServer.SkipReason ?? "server not started");

    /// <summary>Freezes or thaws the local server (see <see cref="ZooKeeperServer.FreezeAsync"/>).</summary>
    /// <param name="frozen">True to freeze.</param>
    /// <returns>A task.</returns>
    public Task FreezeAsync(bool frozen)
        => (server ?? throw new InvalidOperationException("server not started")).FreezeAsync(frozen);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (ZooKeeperServer.SkipReason is null)
        {
            server = await ZooKeeperServer.StartAsync("actorzk-client-tests");
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
