using ActorZk.Client;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>
/// One ActorZk and (where Java is installed) one Apache ZooKeeper, started in parallel for the whole end-to-end
/// collection. Tests of the collection run one at a time and start from an empty tree (<see cref="ResetAsync"/>).
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private ZooKeeperProcess? actorZk;
    private ZooKeeperProcess? apache;

    /// <summary>The ActorZk server.</summary>
    internal ZooKeeperProcess ActorZk => actorZk ?? throw new InvalidOperationException("ActorZk did not start");

    /// <summary>The Apache ZooKeeper server; only used by tests skipped when it cannot run.</summary>
    internal ZooKeeperProcess Apache => apache ?? throw new InvalidOperationException(TestServer.ApacheSkipReason ?? "Apache ZooKeeper did not start");

    /// <summary>The server of that name ("actorzk" or "apache").</summary>
    internal ZooKeeperProcess this[string name] => name == "apache" ? Apache : ActorZk;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var startActorZk = TestServer.StartActorZkAsync();
        var startApache = TestServer.ApacheSkipReason is null ? TestServer.StartApacheAsync() : Task.FromResult<ZooKeeperProcess>(null!);
        try
        {
            actorZk = await startActorZk;
        }
        finally
        {
            // Even when ActorZk failed, Apache must not be left running.
            apache = await startApache;
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (actorZk is not null)
        {
            await actorZk.DisposeAsync();
        }

        if (apache is not null)
        {
            await apache.DisposeAsync();
        }
    }

    /// <summary>Deletes every node but /zookeeper, so that a test sees a fresh server's tree.</summary>
    internal static async Task ResetAsync(ZooKeeperProcess server)
    {
        await using var zk = await ZooKeeperClient.ConnectAsync(server.Hosts, new ZooKeeperClientOptions { SessionTimeout = TimeSpan.FromSeconds(10) });
        foreach (var child in await zk.GetChildrenAsync("/"))
        {
            if (child != "zookeeper")
            {
                await DeleteTreeAsync(zk, "/" + child);
            }
        }
    }

    private static async Task DeleteTreeAsync(ZooKeeperClient zk, string path)
    {
        try
        {
            foreach (var child in await zk.GetChildrenAsync(path))
            {
                await DeleteTreeAsync(zk, path + "/" + child);
            }

            await zk.DeleteAsync(path);
        }
        catch (NoNodeException)
        {
            // An ephemeral node of a session that just closed.
        }
    }
}
