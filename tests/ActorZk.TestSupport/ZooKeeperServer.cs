namespace ActorZk.TestSupport;

/// <summary>
/// The server end-to-end tests run against: the hosts in <c>ZK_TEST_HOSTS</c> when set (for example an ActorZk
/// ensemble), otherwise a private Apache ZooKeeper 3.8 (<see cref="ZooKeeperProcess"/>) killed by PID when disposed.
/// </summary>
public sealed class ZooKeeperServer : IAsyncDisposable
{
    /// <summary>The environment variable naming external servers.</summary>
    public const string HostsVariable = "ZK_TEST_HOSTS";

    /// <summary>The <c>zoo.cfg</c> of the local server: 1 s ticks, 2 s to 60 s sessions, 200 connections per address.</summary>
    public const string LocalConfig = """
        tickTime=1000
        initLimit=10
        syncLimit=5
        minSessionTimeout=2000
        maxSessionTimeout=60000
        maxClientCnxns=200

        """;

    private readonly ZooKeeperProcess? process;

    private ZooKeeperServer(string hosts, ZooKeeperProcess? process)
    {
        Hosts = hosts;
        this.process = process;
    }

    /// <summary>Why the end-to-end tests cannot run here, or null when they can.</summary>
    public static string? SkipReason { get; } = ComputeSkipReason();

    /// <summary>Whether <c>ZK_TEST_HOSTS</c> names the servers to use.</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(HostsVariable));

    /// <summary>The connect string of the server(s), without chroot.</summary>
    public string Hosts { get; }

    /// <summary>Whether this server was started by the tests (and its log can be read).</summary>
    public bool IsLocal => process is not null;

    /// <summary>Starts a server, or uses <c>ZK_TEST_HOSTS</c>.</summary>
    /// <param name="directoryPrefix">The start of the local server's temporary directory name.</param>
    /// <returns>The running server.</returns>
    public static async Task<ZooKeeperServer> StartAsync(string directoryPrefix)
    {
        var external = Environment.GetEnvironmentVariable(HostsVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new ZooKeeperServer(external.Trim(), null);
        }

        if (SkipReason is not null)
        {
            throw new InvalidOperationException(SkipReason);
        }

        var process = await ZooKeeperProcess.StartApacheAsync(new ZooKeeperProcessOptions
        {
            DirectoryPrefix = directoryPrefix,
            Config = LocalConfig,
            JvmOptions = ["-Dznode.container.checkIntervalMs=1000"],
            LogToFile = true,
        });
        return new ZooKeeperServer(process.Hosts, process);
    }

    /// <summary>Freezes (SIGSTOP) or thaws (SIGCONT) the local server process, to simulate a hung server.</summary>
    /// <param name="frozen">True to freeze, false to thaw.</param>
    /// <returns>A task completing once the process is (or is no longer) stopped.</returns>
    public Task FreezeAsync(bool frozen)
        => (process ?? throw new InvalidOperationException("only a server started by the tests can be frozen")).FreezeAsync(frozen);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }

    private static string? ComputeSkipReason()
        => IsExternal || ZooKeeperProcess.ApacheSkipReason is not { } reason ? null : $"{reason}, and {HostsVariable} is not set";
}
