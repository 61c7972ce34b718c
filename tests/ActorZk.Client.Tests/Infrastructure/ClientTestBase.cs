using ActorZk.Protocol.Records;

namespace ActorZk.Client.Tests.Infrastructure;

/// <summary>
/// Base of the end-to-end test classes: connects clients to the class's server, gives each test its own root
/// znode, and closes every client at the end.
/// </summary>
public abstract class ClientTestBase : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly List<ZooKeeperClient> clients = [];

    /// <summary>Binds the test to the class's server.</summary>
    /// <param name="server">The server fixture.</param>
    protected ClientTestBase(ServerFixture server)
    {
        Server = server;
        Root = $"/t-{Guid.NewGuid():N}";
    }

    /// <summary>The server.</summary>
    protected ServerFixture Server { get; }

    /// <summary>This test's own top-level znode (created by <see cref="InitializeAsync"/>).</summary>
    protected string Root { get; }

    /// <summary>A client connected to the server (created by <see cref="InitializeAsync"/>).</summary>
    protected ZooKeeperClient Zk { get; private set; } = null!;

    /// <summary>World-open ACL.</summary>
    protected static IReadOnlyList<Acl> Open => Acl.OpenAclUnsafe;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        if (ZooKeeperServer.SkipReason is not null)
        {
            return;
        }

        Zk = await ConnectAsync();
        await Zk.CreateAsync(Root, null, Open);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>Connects a client (closed at the end of the test).</summary>
    /// <param name="configure">Adjusts the options.</param>
    /// <param name="chroot">A chroot to append to the connect string.</param>
    /// <returns>The client.</returns>
    protected async Task<ZooKeeperClient> ConnectAsync(Action<ZooKeeperClientOptions>? configure = null, string? chroot = null)
    {
        var options = new ZooKeeperClientOptions
        {
            SessionTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        var client = await ZooKeeperClient.ConnectAsync(Server.Hosts + chroot, options);
        clients.Add(client);
        return client;
    }

    /// <summary>A path below <see cref="Root"/>.</summary>
    /// <param name="name">The relative name.</param>
    /// <returns>The path.</returns>
    protected string P(string name) => $"{Root}/{name}";
}
