using ActorZk.TestSupport;

namespace ActorZk.Bench.Tests.EndToEnd;

/// <summary>
/// The xUnit class fixture for a private Apache ZooKeeper 3.8 (<see cref="ZooKeeperProcess"/>): a free 127.0.0.1
/// port, its own temporary data directory, killed by PID and the directory removed when disposed.
/// </summary>
public sealed class ApacheZooKeeper : IAsyncLifetime
{
    private ZooKeeperProcess? server;

    /// <summary>Why the end-to-end tests cannot run here, or null when they can.</summary>
    public static string? SkipReason => ZooKeeperProcess.ApacheSkipReason;

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port => Server.Port;

    /// <summary>The server's PID, for CPU accounting.</summary>
    public int ProcessId => Server.ProcessId;

    private ZooKeeperProcess Server => server ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        // maxClientCnxns=0: the watch workload opens two connections per session from one address.
        server = await ZooKeeperProcess.StartApacheAsync(new ZooKeeperProcessOptions
        {
            DirectoryPrefix = "actorzk-bench-tests",
            Config = "tickTime=2000\nmaxClientCnxns=0\n",
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The value of a <c>mntr</c> key, e.g. <c>zk_znode_count</c>.</summary>
    public Task<long> MonitorValueAsync(string key) => Server.MonitorValueAsync(key);
}
