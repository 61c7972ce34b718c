namespace ActorZk.Server.Configuration;

/// <summary>
/// The settings of one ActorZk member, as read from a ZooKeeper-style zoo.cfg. Settings that Apache
/// ZooKeeper takes as JVM system properties (jute.maxbuffer, extendedTypesEnabled, the 4lw whitelist,
/// container check interval) are plain keys here.
/// </summary>
public sealed record ServerConfig
{
    public const int DefaultMaxBuffer = 0xfffff;

    public int TickTime { get; init; } = 2000;

    public string DataDir { get; init; } = "data";

    public string? DataLogDir { get; init; }

    public int ClientPort { get; init; } = 2181;

    public string? ClientPortAddress { get; init; }

    public int MaxClientCnxns { get; init; } = 60;

    /// <summary>-1 means 2 x tickTime, as in ZooKeeper.</summary>
    public int MinSessionTimeoutSetting { get; init; } = -1;

    /// <summary>-1 means 20 x tickTime, as in ZooKeeper.</summary>
    public int MaxSessionTimeoutSetting { get; init; } = -1;

    public int MinSessionTimeout => MinSessionTimeoutSetting == -1 ? TickTime * 2 : MinSessionTimeoutSetting;

    public int MaxSessionTimeout => MaxSessionTimeoutSetting == -1 ? TickTime * 20 : MaxSessionTimeoutSetting;

    /// <summary>Largest frame a client may send, and largest znode payload (jute.maxbuffer).</summary>
    public int JuteMaxBuffer { get; init; } = DefaultMaxBuffer;

    /// <summary>Enabled four-letter words; ZooKeeper always adds srvr (and isro with read-only mode).</summary>
    public IReadOnlySet<string> FourLetterWords { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "srvr" };

    public bool ExtendedTypesEnabled { get; init; }

    public int ContainerCheckIntervalMs { get; init; } = 60_000;

    public int ContainerMaxPerMinute { get; init; } = 10_000;

    public long TtlMaxMs { get; init; } = 0xffffffffffL;

    public int InitLimit { get; init; } = 10;

    public int SyncLimit { get; init; } = 5;

    public int SnapCount { get; init; } = 100_000;

    /// <summary>
    /// How many committed txns a leader keeps in memory to bring learners up to date by DIFF (ZooKeeper's
    /// zookeeper.commitLogCount, 500 there). Learners further behind get a snapshot. Larger than ZooKeeper's because
    /// ActorZk does not read older txns back from its log for a DIFF (snapshotSizeFactor is accepted and ignored).
    /// </summary>
    public int CommitLogCount { get; init; } = 10_000;

    public int AutopurgeSnapRetainCount { get; init; } = 3;

    public int AutopurgePurgeInterval { get; init; }

    public bool ReadOnlyModeEnabled { get; init; }

    /// <summary>quorumListenOnAllIPs: the quorum port listens on every address, not only the server line's host.</summary>
    public bool QuorumListenOnAllIPs { get; init; }

    /// <summary>Where the txn log and snapshots go: <c>sqlite</c> (a file in dataDir) or <c>postgresql</c>.</summary>
    public string StorageProvider { get; init; } = "sqlite";

    /// <summary>The PostgreSQL connection string (storage.connectionString), or an SQLite file to use instead of dataDir/actorzk.db.</summary>
    public string? StorageConnectionString { get; init; }

    public bool StandaloneEnabled { get; init; } = true;

    public bool IsObserverPeerType { get; init; }

    /// <summary>
    /// This member's server id, read from <c>dataDir/myid</c> when the configuration is not standalone; 0 when standalone.
    /// </summary>
    public long MyId { get; init; }

    /// <summary>True when zoo.cfg set clientPort itself (a <c>server.N</c> line's client part may supply it otherwise).</summary>
    public bool ClientPortConfigured { get; init; }

    public IReadOnlyList<PeerSpec> Peers { get; init; } = [];

    /// <summary>admin.enableServer: run the HTTP AdminServer (ZooKeeper's Jetty one) next to the client port.</summary>
    public bool AdminEnableServer { get; init; } = true;

    /// <summary>admin.serverAddress: the address the AdminServer binds to.</summary>
    public string AdminServerAddress { get; init; } = "0.0.0.0";

    /// <summary>admin.serverPort: the AdminServer's port; 0 takes any free port (tests).</summary>
    public int AdminServerPort { get; init; } = 8080;

    /// <summary>admin.commandURL: the path under which the commands are served.</summary>
    public string AdminCommandUrl { get; init; } = "/commands";

    /// <summary>admin.idleTimeout: ms an AdminServer connection may stay silent before it is closed.</summary>
    public int AdminIdleTimeoutMs { get; init; } = 30_000;

    /// <summary>The zoo.cfg text as read at start, for the AdminServer's initial_configuration; null when not read from a file.</summary>
    public string? InitialConfigText { get; init; }

    /// <summary>The file this came from, or null for the embedded defaults.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Every key/value as read, for the <c>conf</c> and <c>envi</c> four-letter words.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RawEntries { get; init; } = [];

    /// <summary>True when no quorum is configured (or a lone voter with standaloneEnabled).</summary>
    public bool IsStandalone => Peers.Count == 0 || (StandaloneEnabled && Peers.Count(p => !p.IsObserver) == 1 && Peers.Count == 1);
}
