using ActorZk.Protocol;
using ActorZk.Server.Admin;
using ActorZk.Server.Configuration;
using Xunit;

namespace ActorZk.Server.Tests.Admin;

public sealed class FourLetterWordResponderTests
{
    private const string ZooKeeperVersion = "3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC";

    public static TheoryData<string, string> CapturedReplies { get; } = new()
    {
        { "standalone", "ruok" }, { "standalone", "srvr" }, { "standalone", "stat" }, { "standalone", "mntr" },
        { "standalone", "conf" }, { "standalone", "cons" }, { "standalone", "wchs" }, { "standalone", "wchc" },
        { "standalone", "wchp" }, { "standalone", "dump" }, { "standalone", "isro" }, { "standalone", "dirs" },
        { "standalone", "gtmk" }, { "standalone", "stmk" }, { "standalone", "hash" }, { "standalone", "crst" },
        { "standalone", "srst" },
        { "leader", "srvr" }, { "leader", "stat" }, { "leader", "mntr" }, { "leader", "conf" }, { "leader", "dump" },
        { "leader", "isro" },
        { "follower", "srvr" }, { "follower", "mntr" }, { "follower", "conf" }, { "follower", "dump" },
        { "observer", "srvr" }, { "observer", "mntr" }, { "observer", "conf" },
        { "readonly", "srvr" }, { "readonly", "stat" }, { "readonly", "mntr" }, { "readonly", "conf" },
        { "readonly", "dump" }, { "readonly", "isro" },
        { "notserving", "ruok" }, { "notserving", "srvr" }, { "notserving", "stat" }, { "notserving", "mntr" },
        { "notserving", "conf" }, { "notserving", "cons" }, { "notserving", "wchs" }, { "notserving", "wchc" },
        { "notserving", "wchp" }, { "notserving", "dump" }, { "notserving", "isro" }, { "notserving", "dirs" },
        { "notserving", "gtmk" }, { "notserving", "stmk" }, { "notserving", "hash" }, { "notserving", "crst" },
        { "notserving", "srst" },
    };

    [Theory]
    [MemberData(nameof(CapturedReplies))]
    public void ReplyHasTheShapeOfZooKeepers(string role, string word)
    {
        var (snapshot, config) = role switch
        {
            "standalone" => (CapturedState.Standalone(), CapturedState.StandaloneConfig),
            "leader" => (CapturedState.Leader(), CapturedState.QuorumConfig(3)),
            "follower" => (CapturedState.Learner("follower", 1), CapturedState.QuorumConfig(1)),
            "observer" => (CapturedState.Learner("observer", 4), CapturedState.QuorumConfig(4)),
            "readonly" => (CapturedState.Learner("read-only", 2), CapturedState.QuorumConfig(2)),
            _ => (CapturedState.Learner("follower", 2) with { IsServing = false }, CapturedState.QuorumConfig(2)),
        };

        var reply = FourLetterWordResponder.Respond(word, snapshot, config, CapturedState.Now, CapturedState.Process);
        if (role == "leader" && word == "mntr")
        {
            // ActorZk's one documented addition to 3.8's mntr: zk_followers after zk_learners (see MonitorLayout).
            Assert.Contains($"zk_learners\t{snapshot.Followers}\nzk_followers\t{snapshot.VotingFollowers}\n", reply, StringComparison.Ordinal);
            reply = reply.Replace($"zk_followers\t{snapshot.VotingFollowers}\n", string.Empty, StringComparison.Ordinal);
        }

        ZooKeeperFixture.AssertMatches(role, word, reply);
    }

    // The exact bytes ZooKeeper sent, for a snapshot of the same state; only the version differs.
    [Theory]
    [InlineData("srvr", 50026, 14, 13, """
        Zookeeper version: {V}
        Latency min/avg/max: 0/2.5455/11
        Received: 14
        Sent: 13
        Connections: 2
        Outstanding: 0
        Zxid: 0x4
        Mode: standalone
        Node count: 8

        """)]
    [InlineData("stat", 50000, 15, 14, """
        Zookeeper version: {V}
        Clients:
         /127.0.0.1:59626[1](queued=0,recved=11,sent=11)
         /127.0.0.1:50000[0](queued=0,recved=1,sent=0)

        Latency min/avg/max: 0/2.5455/11
        Received: 15
        Sent: 14
        Connections: 2
        Outstanding: 0
        Zxid: 0x4
        Mode: standalone
        Node count: 8

        """)]
    [InlineData("cons", 50026, 14, 13, """
         /127.0.0.1:59626[1](queued=0,recved=11,sent=11,sid=0x1000008af350000,lop=PING,est=1795850003931,to=10000,lcxid=0x9,lzxid=0x4,lresp=581221,llat=0,minlat=0,avglat=2,maxlat=11)
         /127.0.0.1:50026[0](queued=0,recved=1,sent=0)


        """)]
    [InlineData("conf", 50026, 14, 13, """
        clientPort=22181
        secureClientPort=-1
        dataDir=/tmp/zkref/data/version-2
        dataDirSize=67109337
        dataLogDir=/tmp/zkref/data/version-2
        dataLogSize=67109337
        tickTime=2000
        maxClientCnxns=60
        minSessionTimeout=4000
        maxSessionTimeout=40000
        clientPortListenBacklog=-1
        serverId=0

        """)]
    [InlineData("dirs", 50026, 14, 13, """
        datadir_size: 67109337
        logdir_size: 67109337

        """)]
    [InlineData("wchs", 50026, 14, 13, """
        1 connections watching 3 paths
        Total watches:3

        """)]
    [InlineData("wchc", 50026, 14, 13, "0x1000008af350000\n\t/app/eph\n\t/app\n\t/nothere\n\n")]
    [InlineData("wchp", 50026, 14, 13, "/app/eph\n\t0x1000008af350000\n/app\n\t0x1000008af350000\n/nothere\n\t0x1000008af350000\n\n")]
    [InlineData("isro", 50026, 14, 13, "rw")]
    [InlineData("ruok", 50026, 14, 13, "imok")]
    [InlineData("gtmk", 50026, 14, 13, "306")]
    [InlineData("hash", 50026, 14, 13, "")]
    [InlineData("srst", 50026, 14, 13, "Server stats reset.\n")]
    [InlineData("crst", 50026, 14, 13, "Connection stats reset.\n")]
    public void StandaloneReplyIsByteForByteZooKeepers(string word, int askingPort, long received, long sent, string expected)
    {
        var snapshot = CapturedState.Standalone(askingPort) with { PacketsReceived = received, PacketsSent = sent };
        var reply = FourLetterWordResponder.Respond(word, snapshot, CapturedState.StandaloneConfig, CapturedState.Now, CapturedState.Process);

        Assert.Equal(expected.Replace("{V}", ServerVersion.Full, StringComparison.Ordinal), reply);
    }

    [Fact]
    public void StandaloneDumpIsZooKeepersWithoutTheEmptiedConnectionBucket()
    {
        // ZooKeeper also printed "Connections Sets (2)/(2):" and "0 expire at Sat Nov 28 07:13:36 UTC 2026:", a
        // bucket emptied when the holding client's connection moved on (see Fixtures/README.md).
        var expected = Lines(
            "SessionTracker dump:",
            "Session Sets (2)/(1):",
            "0 expire at Sat Nov 28 07:13:34 UTC 2026:",
            "1 expire at Sat Nov 28 07:13:38 UTC 2026:",
            "\t0x1000008af350000",
            "ephemeral nodes dump:",
            "Sessions with Ephemerals (1):",
            "0x1000008af350000:",
            "\t/app/eph2",
            "\t/app/eph",
            "Connections dump:",
            "Connections Sets (1)/(2):",
            "2 expire at Sat Nov 28 07:13:46 UTC 2026:",
            "\tip: /127.0.0.1:59626 sessionId: 0x1000008af350000",
            "\tip: /127.0.0.1:50076 sessionId: 0x0",
            string.Empty);
        var snapshot = CapturedState.Standalone(50076);

        var reply = FourLetterWordResponder.Respond("dump", snapshot, CapturedState.StandaloneConfig, CapturedState.Now);

        Assert.Equal(expected, reply);
    }

    [Fact]
    public void LeaderSrvrAddsProposalSizes()
    {
        var expected = $"""
            Zookeeper version: {ServerVersion.Full}
            Latency min/avg/max: 0/7.3636/33
            Received: 14
            Sent: 13
            Connections: 2
            Outstanding: 0
            Zxid: 0x100000004
            Mode: leader
            Node count: 8
            Proposal sizes last/min/max: 94/48/97

            """;

        var reply = FourLetterWordResponder.Respond("srvr", CapturedState.Leader(), CapturedState.QuorumConfig(3), CapturedState.Now);

        Assert.Equal(expected, reply);
    }

    [Fact]
    public void QuorumConfEndsWithTheMembershipVersionAndNoNewline()
    {
        var expected = Lines(
            "clientPort=22193",
            "secureClientPort=-1",
            "dataDir=/tmp/zkref/q3/data/version-2",
            "dataDirSize=67109477",
            "dataLogDir=/tmp/zkref/q3/data/version-2",
            "dataLogSize=67109477",
            "tickTime=2000",
            "maxClientCnxns=60",
            "minSessionTimeout=4000",
            "maxSessionTimeout=40000",
            "clientPortListenBacklog=-1",
            "serverId=3",
            "initLimit=10",
            "syncLimit=5",
            "electionAlg=3",
            "electionPort=23883",
            "quorumPort=22883",
            "peerType=0",
            "membership: ",
            "server.1=127.0.0.1:22881:23881:participant",
            "server.2=127.0.0.1:22882:23882:participant",
            "server.3=127.0.0.1:22883:23883:participant",
            "server.4=127.0.0.1:22884:23884:observer",
            "version=0");

        var reply = FourLetterWordResponder.Respond("conf", CapturedState.Leader(), CapturedState.QuorumConfig(3), CapturedState.Now);

        Assert.Equal(expected, reply);
    }

    [Fact]
    public void ConfPrintsClientAddressesGivenOnServerLines()
    {
        // From a ZooKeeper 3.8.0 ensemble configured with these server lines and no clientPort key.
        var (config, _) = ZooCfgParser.Parse(
            """
            tickTime=2000
            dataDir=/tmp/zkref/d2/data
            server.1=127.0.0.1:22881:23881;127.0.0.1:22191
            server.2=localhost:22882:23882:participant;22192
            server.3=127.0.0.1:22883:23883;127.0.0.1:22193
            """,
            "zoo.cfg");
        var snapshot = CapturedState.Learner("follower", 2);

        var reply = FourLetterWordResponder.Respond("conf", snapshot, config, CapturedState.Now);

        Assert.StartsWith("clientPort=22192\n", reply, StringComparison.Ordinal);
        Assert.EndsWith(
            Lines(
                "membership: ",
                "server.1=127.0.0.1:22881:23881:participant;127.0.0.1:22191",
                "server.2=localhost:22882:23882:participant;0.0.0.0:22192",
                "server.3=127.0.0.1:22883:23883:participant;127.0.0.1:22193",
                "version=0"),
            reply,
            StringComparison.Ordinal);
    }

    [Fact]
    public void FollowerDumpListsGlobalSessionsWithTimeouts()
    {
        var reply = FourLetterWordResponder.Respond("dump", CapturedState.Learner("follower", 1), CapturedState.QuorumConfig(1), CapturedState.Now);

        Assert.StartsWith(
            Lines("SessionTracker dump:", "Global Sessions(1):", "0x300000a33620000\t10000ms", "ephemeral nodes dump:", string.Empty),
            reply,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ConsAfterCrstLooksLikeZooKeepersAfterCrst()
    {
        // ZooKeeper's reply to cons right after crst: no lcxid, lzxid of -1, lop NA.
        var reset = CapturedState.HoldingClient(CapturedState.StandaloneSession, CapturedState.Now) with
        {
            PacketsReceived = 0,
            PacketsSent = 0,
            LastOperation = LastOperationNames.None,
            LastCxid = -1,
            LastZxid = -1,
            LastResponseTime = 0,
            MinLatencyMs = 0,
            AvgLatencyMs = 0,
            MaxLatencyMs = 0,
        };
        var snapshot = CapturedState.Standalone() with { Connections = [CapturedState.Asking(41832, CapturedState.Now), reset] };

        var reply = FourLetterWordResponder.Respond("cons", snapshot, CapturedState.StandaloneConfig, CapturedState.Now);

        Assert.Equal(
            " /127.0.0.1:41832[0](queued=0,recved=1,sent=0)\n"
            + " /127.0.0.1:59626[1](queued=0,recved=0,sent=0,sid=0x1000008af350000,lop=NA,est=1795850003931,to=10000,"
            + "lzxid=0xffffffffffffffff,lresp=0,llat=0,minlat=0,avglat=0,maxlat=0)\n\n",
            reply);
    }

    [Fact]
    public void MonitorPrintsTheSnapshotsValues()
    {
        var snapshot = CapturedState.Standalone() with
        {
            Metrics = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["bytes_received_count"] = 392,
                ["cnt_readlatency"] = 7,
                ["sum_readlatency"] = 9,
                ["max_readlatency"] = 6,
            },
        };

        var lines = FourLetterWordResponder
            .Respond("mntr", snapshot, CapturedState.StandaloneConfig, CapturedState.Now, CapturedState.Process)
            .Split('\n');

        Assert.Equal("zk_version\t" + ServerVersion.Full, lines[0]);
        Assert.Contains("zk_server_state\tstandalone", lines);
        Assert.Contains("zk_avg_latency\t2.5455", lines);
        Assert.Contains("zk_num_alive_connections\t2", lines);
        Assert.Contains("zk_znode_count\t8", lines);
        Assert.Contains("zk_watch_count\t4", lines);
        Assert.Contains("zk_ephemerals_count\t2", lines);
        Assert.Contains("zk_global_sessions\t1", lines);
        Assert.Contains("zk_approximate_data_size\t71", lines);
        Assert.Contains("zk_open_file_descriptor_count\t270", lines);
        Assert.Contains("zk_max_file_descriptor_count\t20000", lines);
        Assert.Contains("zk_uptime\t13620", lines);
        Assert.Contains("zk_connection_drop_probability\t0.0", lines);
        Assert.Contains("zk_bytes_received_count\t392", lines);
        Assert.Contains("zk_avg_readlatency\t1.2857", lines); // 9 / 7, rounded half up to 4 places as ZooKeeper does
        Assert.Contains("zk_max_readlatency\t6", lines);
        Assert.Contains("zk_avg_fsynctime\t0.0", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("zk_peer_state", StringComparison.Ordinal) || l.StartsWith("zk_learners", StringComparison.Ordinal));
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public void MonitorOfALeaderReportsItsLearners()
    {
        var lines = FourLetterWordResponder
            .Respond("mntr", CapturedState.Leader(), CapturedState.QuorumConfig(3), CapturedState.Now, CapturedState.Process)
            .Split('\n');

        Assert.Equal("zk_peer_state\tleading - broadcast", lines[2]);
        Assert.Contains("zk_learners\t3", lines);
        Assert.Contains("zk_synced_followers\t2", lines);
        Assert.Contains("zk_synced_observers\t1", lines);
        Assert.Contains("zk_pending_syncs\t0", lines);
        Assert.Contains("zk_leader_uptime\t16363", lines);
        Assert.Contains("zk_quorum_size\t3", lines);
        Assert.Contains("zk_min_proposal_size\t48", lines);
    }

    [Fact]
    public void MonitorOfAnObserverNamesItsMaster()
    {
        var lines = FourLetterWordResponder
            .Respond("mntr", CapturedState.Learner("observer", 4), CapturedState.QuorumConfig(4), CapturedState.Now, CapturedState.Process)
            .Split('\n');

        Assert.Equal(["zk_server_state\tobserver", "zk_peer_state\tobserving - broadcast", "zk_observer_master_id\t3"], lines[1..4]);
    }

    [Fact]
    public void MonitorLeavesOutFileDescriptorsTheOsDoesNotReport()
    {
        var process = CapturedState.Process with { OpenFileDescriptorCount = null, MaxFileDescriptorCount = null };

        var reply = FourLetterWordResponder.Respond("mntr", CapturedState.Standalone(), CapturedState.StandaloneConfig, CapturedState.Now, process);

        Assert.DoesNotContain("file_descriptor", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void EnviKeepsZooKeepersKeysWhereTheyMeanTheSameAndNamesDotnetFactsAsSuch()
    {
        var reply = FourLetterWordResponder.Respond("envi", CapturedState.Standalone(), CapturedState.StandaloneConfig, CapturedState.Now, CapturedState.Process);

        Assert.Equal(
            $"""
             Environment:
             zookeeper.version={ServerVersion.Full}
             host.name=localhost
             dotnet.version=10.0.1
             dotnet.framework=.NET 10.0.1
             dotnet.home=/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.1
             dotnet.app.base=/opt/actorzk
             dotnet.rid=linux-x64
             dotnet.io.tmpdir=/tmp
             dotnet.gc=workstation, concurrent
             os.name=Linux
             os.arch=amd64
             os.version=6.18.44-fc-v669
             user.name=root
             user.home=/root
             user.dir=/tmp/zkref
             os.memory.free=372MB
             os.memory.max=6028MB
             os.memory.total=388MB

             """,
            reply);

        // The keys ZooKeeper prints that are not about Java come in ZooKeeper's order.
        var zooKeeperKeys = ZooKeeperFixture.Load("standalone", "envi").Skip(1).Where(l => l.Length > 0).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]);
        var ours = reply.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).ToList();
        Assert.Equal(zooKeeperKeys.Where(k => !k.StartsWith("java.", StringComparison.Ordinal)), ours.Where(k => !k.StartsWith("dotnet.", StringComparison.Ordinal)));
    }

    [Fact]
    public void EnviAndRuokAnswerWhileNotServing()
    {
        var snapshot = CapturedState.Standalone() with { IsServing = false };

        Assert.StartsWith("Environment:\n", FourLetterWordResponder.Respond("envi", snapshot, CapturedState.StandaloneConfig, CapturedState.Now, CapturedState.Process), StringComparison.Ordinal);
        Assert.Equal("imok", FourLetterWordResponder.Respond("ruok", snapshot, CapturedState.StandaloneConfig, CapturedState.Now));
        Assert.Equal(FourLetterWordResponder.NotServing, FourLetterWordResponder.Respond("hash", snapshot, CapturedState.StandaloneConfig, CapturedState.Now));
    }

    [Theory]
    [InlineData("standalone", false, true, "rw")]
    [InlineData("read-only", true, true, "ro")]
    [InlineData("follower", false, false, "null")]
    public void IsroTellsReadOnlyFromReadWrite(string mode, bool readOnly, bool serving, string expected)
    {
        var snapshot = CapturedState.Standalone() with { Mode = mode, IsReadOnly = readOnly, IsServing = serving };

        Assert.Equal(expected, FourLetterWordResponder.Respond("isro", snapshot, CapturedState.StandaloneConfig, CapturedState.Now));
    }

    [Fact]
    public void ReadOnlySrvrCarriesZooKeepersBanner()
    {
        var reply = FourLetterWordResponder.Respond("srvr", CapturedState.Learner("read-only", 2), CapturedState.QuorumConfig(2), CapturedState.Now);

        Assert.Equal("READ-ONLY mode; serving only read-only clients", reply.Split('\n')[1]);
        Assert.Contains("\nMode: read-only\n", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void TraceMaskWordsEchoTheMask()
    {
        var snapshot = CapturedState.Standalone() with { TraceMask = 0x1f2 };

        Assert.Equal("498", FourLetterWordResponder.Respond("gtmk", snapshot, CapturedState.StandaloneConfig, CapturedState.Now));
        Assert.Equal("498", FourLetterWordResponder.Respond("stmk", snapshot, CapturedState.StandaloneConfig, CapturedState.Now));
        Assert.Equal("-1", FourLetterWordResponder.RespondSetTraceMask(-1));
        Assert.Equal(306, new ServerSnapshot { Mode = "standalone", LastZxid = 0, NodeCount = 0 }.TraceMask);
    }

    [Theory]
    [InlineData("srst", true, FourLetterWordEffects.ResetServerStats)]
    [InlineData("crst", true, FourLetterWordEffects.ResetConnectionStats)]
    [InlineData("srst", false, FourLetterWordEffects.None)]
    [InlineData("crst", false, FourLetterWordEffects.None)]
    [InlineData("stmk", false, FourLetterWordEffects.SetTraceMask)]
    [InlineData("stat", true, FourLetterWordEffects.None)]
    [InlineData("mntr", true, FourLetterWordEffects.None)]
    public void EffectsAreWhatZooKeeperChanges(string word, bool serving, FourLetterWordEffects expected)
        => Assert.Equal(expected, FourLetterWordResponder.EffectsOf(word, serving));

    [Fact]
    public void HashPrintsTheDigestLog()
    {
        var snapshot = CapturedState.Standalone() with { DigestLog = [new(0x100000080, 1234567890123), new(0x100000100, -5)] };

        Assert.Equal(
            "100000080: 1234567890123\n100000100: -5\n",
            FourLetterWordResponder.Respond("hash", snapshot, CapturedState.StandaloneConfig, CapturedState.Now));
    }

    [Fact]
    public void AWordOutsideTheWhitelistGetsZooKeepersRefusal()
        => Assert.Equal("stat is not executed because it is not in the whitelist.\n", FourLetterWordResponder.NotInWhitelist("stat"));

    [Fact]
    public void AnUnknownWordIsAProgrammingError()
        => Assert.Throws<ArgumentException>(() => FourLetterWordResponder.Respond("xyzw", CapturedState.Standalone(), CapturedState.StandaloneConfig, CapturedState.Now));

    [Fact]
    public void TheVersionKeepsZooKeepersShape()
    {
        Assert.Matches(@"^3\.8\.0-ActorZk-\d+\.\d+\.\d+, built on (\d{4}-\d\d-\d\d \d\d:\d\d|unknown) UTC$", ServerVersion.Full);
        Assert.Matches(ZooKeeperFixture.ToRegex("{version}"), ZooKeeperVersion);
    }

    [Theory]
    [InlineData(OpCode.GetData, "GETD")]
    [InlineData(OpCode.GetChildren2, "GETC")]
    [InlineData(OpCode.CreateContainer, "CREA")]
    [InlineData(OpCode.Ping, "PING")]
    [InlineData(OpCode.CreateSession, "SESS")]
    [InlineData(OpCode.Auth, "NA")]
    public void LastOperationNamesAreZooKeepers(OpCode op, string expected) => Assert.Equal(expected, LastOperationNames.Of(op));

    [Fact]
    public void ExpiryBucketsRoundUpToTheNextInterval()
    {
        Assert.Equal(CapturedState.At(7, 13, 40), SessionExpiryBucket.RoundUp(CapturedState.At(7, 13, 38), 2000));
        Assert.Equal(CapturedState.At(7, 13, 40), SessionExpiryBucket.RoundUp(CapturedState.At(7, 13, 39).AddMilliseconds(999), 2000));
        Assert.Equal(CapturedState.At(7, 13, 50), SessionExpiryBucket.RoundUp(CapturedState.At(7, 13, 41), 10000));
    }

    [Fact]
    public void ProcessFactsAreReadFromThisProcess()
    {
        var facts = ProcessFacts.Capture();

        Assert.NotEqual("<NA>", facts.DotnetVersion);
        Assert.True(facts.MemoryTotalMb >= 0 && facts.MemoryMaxMb > 0);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal("Linux", facts.OsName);
            Assert.True(facts.OpenFileDescriptorCount > 0);
            Assert.True(facts.MaxFileDescriptorCount > 0);
        }
    }

    private static string Lines(params string[] lines) => string.Join('\n', lines);
}
