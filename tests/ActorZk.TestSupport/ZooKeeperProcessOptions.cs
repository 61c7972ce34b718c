namespace ActorZk.TestSupport;

/// <summary>How a <see cref="ZooKeeperProcess"/> is configured.</summary>
public sealed record ZooKeeperProcessOptions
{
    /// <summary>
    /// The start of its temporary directory's name, e.g. <c>actorzk-client-tests</c>; the test process id and the
    /// port follow, so that parallel test runs never share a directory.
    /// </summary>
    public required string DirectoryPrefix { get; init; }

    /// <summary>
    /// The lines of <c>zoo.cfg</c> besides <c>dataDir</c>, <c>clientPort</c> and <c>clientPortAddress</c>, which are
    /// always written (a private data directory, the free port, 127.0.0.1).
    /// </summary>
    public string Config { get; init; } = "tickTime=2000\n";

    /// <summary>Apache ZooKeeper only: JVM options besides the defaults (heap, 4lw whitelist, no admin server, extended types, IPv4).</summary>
    public IReadOnlyList<string> JvmOptions { get; init; } = [];

    /// <summary>
    /// Apache ZooKeeper only: log through log4j 1.2 to <c>zookeeper.log</c> in the directory, rather than to the
    /// console (which is kept for failure messages).
    /// </summary>
    public bool LogToFile { get; init; }
}
