using ActorZk.Server.Admin;
using ActorZk.Server.Configuration;

namespace ActorZk.Server.Tests.Admin;

/// <summary>
/// Snapshots and configurations describing the state the real ZooKeeper was in when the fixtures were captured
/// (Fixtures/README.md): one client session with two ephemerals and three data watches plus a child watch, and the
/// connection asking the four-letter word.
/// </summary>
internal static class CapturedState
{
    public const long StandaloneSession = 0x1000008af350000;

    public const long QuorumSession = 0x300000a33620000;

    /// <summary>The wall clock of the standalone capture.</summary>
    public static readonly DateTime Now = new(2026, 11, 28, 7, 13, 30, DateTimeKind.Utc);

    // cons printed est=1795850003931 for the holding client.
    private static readonly DateTime Established = DateTimeOffset.FromUnixTimeMilliseconds(1795850003931).UtcDateTime;

    public static ServerConfig StandaloneConfig { get; } = ZooCfgParser.Parse(
        """
        tickTime=2000
        dataDir=/tmp/zkref/data
        clientPort=22181
        clientPortAddress=127.0.0.1
        """,
        "zoo.cfg").Config;

    /// <summary>The configuration of member <paramref name="myId"/> of the four-member capture ensemble.</summary>
    public static ServerConfig QuorumConfig(int myId) => ZooCfgParser.Parse(
        $"""
         tickTime=2000
         initLimit=10
         syncLimit=5
         dataDir=/tmp/zkref/q{myId}/data
         clientPort=2219{myId}
         clientPortAddress=127.0.0.1
         server.1=127.0.0.1:22881:23881
         server.2=127.0.0.1:22882:23882
         server.3=127.0.0.1:22883:23883
         server.4=127.0.0.1:22884:23884:observer
         {(myId == 4 ? "peerType=observer" : string.Empty)}
         """,
        "zoo.cfg").Config;

    /// <summary>Process facts with fixed values, for replies that print them.</summary>
    public static ProcessFacts Process { get; } = new()
    {
        HostName = "localhost",
        OsName = "Linux",
        OsArch = "amd64",
        OsVersion = "6.18.44-fc-v669",
        UserName = "root",
        UserHome = "/root",
        UserDir = "/tmp/zkref",
        MemoryFreeMb = 372,
        MemoryMaxMb = 6028,
        MemoryTotalMb = 388,
        DotnetVersion = "10.0.1",
        DotnetFramework = ".NET 10.0.1",
        DotnetRuntimeIdentifier = "linux-x64",
        DotnetHome = "/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.1",
        DotnetAppBase = "/opt/actorzk",
        DotnetTempDir = "/tmp",
        DotnetGc = "workstation, concurrent",
        OpenFileDescriptorCount = 270,
        MaxFileDescriptorCount = 20000,
    };

    /// <summary>The kazoo client holding the session, as cons showed it.</summary>
    public static ConnectionInfo HoldingClient(long sessionId, DateTime expiresAtUtc) =>
        new("127.0.0.1", 59626, 11, 11, 0, sessionId, 10000, 4, Established, "PING", 9, 0, 2.5, 11)
        {
            LastResponseTime = 581221,
            LastLatencyMs = 0,
            ExpiresAtUtc = expiresAtUtc,
        };

    /// <summary>The connection that sent the word: counted, but no longer read (interest ops 0) and without a session.</summary>
    public static ConnectionInfo Asking(int port, DateTime expiresAtUtc) =>
        new("127.0.0.1", port, 1, 0, 0, 0, 0, 0, Now, LastOperationNames.None, -1, 0, 0, 0)
        {
            InterestOps = 0,
            ExpiresAtUtc = expiresAtUtc,
        };

    public static ServerSnapshot Standalone(int askingPort = 50026) => new()
    {
        Mode = "standalone",
        LastZxid = 4,
        NodeCount = 8,
        ApproximateDataSize = 71,
        MinLatencyMs = 0,
        AvgLatencyMs = 28 / 11d,
        MaxLatencyMs = 11,
        PacketsReceived = 14,
        PacketsSent = 13,
        EphemeralsCount = 2,
        WatchCount = 4,
        WatchedPathCount = 3,
        Connections =
        [
            HoldingClient(StandaloneSession, At(7, 13, 46)),
            Asking(askingPort, At(7, 13, 46)),
        ],
        Sessions = [new(StandaloneSession, 10000)],
        EphemeralsBySession = [new(StandaloneSession, ["/app/eph2", "/app/eph"])],
        WatchesBySession = [new(StandaloneSession, ["/app/eph", "/app", "/nothere"])],
        WatchesByPath =
        [
            new("/app/eph", [StandaloneSession]),
            new("/app", [StandaloneSession]),
            new("/nothere", [StandaloneSession]),
        ],
        SessionExpiryBuckets = [new(At(7, 13, 34), []), new(At(7, 13, 38), [StandaloneSession])],
        StartedUtc = Now.AddMilliseconds(-13620),
        SnapshotDirectory = "/tmp/zkref/data/version-2",
        TxnLogDirectory = "/tmp/zkref/data/version-2",
        SnapshotDirSizeBytes = 67109337,
        TxnLogDirSizeBytes = 67109337,
        LastClientResponseSize = 16,
        MinClientResponseSize = 16,
        MaxClientResponseSize = 93,
    };

    public static ServerSnapshot Leader() => Standalone() with
    {
        Mode = "leader",
        ServerId = 3,
        LastZxid = 0x100000004,
        AvgLatencyMs = 81 / 11d,
        MaxLatencyMs = 33,
        ApproximateDataSize = 249,
        Connections =
        [
            HoldingClient(QuorumSession, At(7, 15, 26)),
            Asking(47158, At(7, 15, 26)),
        ],
        Sessions = [new(QuorumSession, 10000)],
        EphemeralsBySession = [new(QuorumSession, ["/app/eph2", "/app/eph"])],
        WatchesBySession = [new(QuorumSession, ["/app/eph", "/app", "/nothere"])],
        WatchesByPath = [new("/app/eph", [QuorumSession]), new("/app", [QuorumSession]), new("/nothere", [QuorumSession])],
        SessionExpiryBuckets = [new(At(7, 15, 18), []), new(At(7, 15, 22), [QuorumSession])],
        LastProposalSize = 94,
        MinProposalSize = 48,
        MaxProposalSize = 97,
        Followers = 3,
        VotingFollowers = 2,
        SyncedFollowers = 2,
        SyncedObservers = 1,
        LeadingSinceUtc = Now.AddMilliseconds(-16363),
        SnapshotDirectory = "/tmp/zkref/q3/data/version-2",
        TxnLogDirectory = "/tmp/zkref/q3/data/version-2",
        SnapshotDirSizeBytes = 67109477,
        TxnLogDirSizeBytes = 67109477,
    };

    /// <summary>A learner (follower, observer, read-only) the holding client is not connected to.</summary>
    public static ServerSnapshot Learner(string mode, long serverId) => Leader() with
    {
        Mode = mode,
        IsReadOnly = mode == "read-only",
        ServerId = serverId,
        LeaderId = mode == "observer" ? 3 : -1,
        AvgLatencyMs = 0,
        MaxLatencyMs = 0,
        PacketsReceived = 3,
        PacketsSent = 2,
        WatchCount = 0,
        Connections = [Asking(34616, At(7, 15, 26))],
        WatchesBySession = [],
        WatchesByPath = [],
        SessionExpiryBuckets = [],
        Followers = 0,
        SyncedFollowers = 0,
        SyncedObservers = 0,
        LastClientResponseSize = -1,
        MinClientResponseSize = -1,
        MaxClientResponseSize = -1,
        SnapshotDirectory = $"/tmp/zkref/q{serverId}/data/version-2",
        TxnLogDirectory = $"/tmp/zkref/q{serverId}/data/version-2",
    };

    public static DateTime At(int hour, int minute, int second) => new(2026, 11, 28, hour, minute, second, DateTimeKind.Utc);
}
