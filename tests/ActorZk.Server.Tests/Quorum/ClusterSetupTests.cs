using ActorZk.Core.Quorum;
using ActorZk.Server.Configuration;
using ActorZk.Server.Quorum;
using ActorZk.Server.Quorum.Remoting;
using ActorZk.Server.Storage;
using ActorZk.Server.Tests.Hosting;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Serialization;
using Xunit;

namespace ActorZk.Server.Tests.Quorum;

/// <summary>The HOCON a quorum-mode member gets from its zoo.cfg and myid, and what the actor system makes of it.</summary>
public sealed class ClusterSetupTests
{
    private const string ThreeAndObserver = """
        tickTime=2000
        initLimit=10
        syncLimit=5
        dataDir=/tmp/none
        server.3=zk3.example:2890:3890
        server.1=zk1.example:2888:3888
        server.2=zk2.example:2889:3889
        server.4=zk4.example:2891:3891:observer
        """;

    private static ServerConfig Member(string text, long myId) => ZooCfgParser.Parse(text, "zoo.cfg").Config with { MyId = myId };

    [Fact]
    public void RemotingListensOnTheQuorumPortOfTheMembersLine()
    {
        var hocon = ClusterSetup.Build(Member(ThreeAndObserver, 2), userOverride: null);

        Assert.Equal("cluster", hocon.GetString("akka.actor.provider"));
        Assert.Equal("zk2.example", hocon.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal("zk2.example", hocon.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Equal(2889, hocon.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(["akka.remote.actorzk-tcp"], hocon.GetStringList("akka.remote.enabled-transports"));
        Assert.Equal("zk2.example", hocon.GetString("akka.remote.actorzk-tcp.hostname"));
        Assert.Equal("zk2.example", hocon.GetString("akka.remote.actorzk-tcp.bind-hostname"));
        Assert.Equal(2889, hocon.GetInt("akka.remote.actorzk-tcp.port"));
        Assert.Equal(["voter"], hocon.GetStringList("akka.cluster.roles"));
    }

    [Fact]
    public void QuorumListenOnAllIPsBindsEveryAddressButKeepsTheAdvertisedHost()
    {
        var hocon = ClusterSetup.Build(Member(ThreeAndObserver + "\nquorumListenOnAllIPs=true", 2), userOverride: null);

        Assert.Equal("0.0.0.0", hocon.GetString("akka.remote.actorzk-tcp.bind-hostname"));
        Assert.Equal("zk2.example", hocon.GetString("akka.remote.actorzk-tcp.hostname"));
        Assert.Equal("0.0.0.0", hocon.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal("zk2.example", hocon.GetString("akka.remote.dot-netty.tcp.public-hostname"));
    }

    [Fact]
    public void SeedNodesAreTheVotersOrderedById()
    {
        var hocon = ClusterSetup.Build(Member(ThreeAndObserver, 4), userOverride: null);

        Assert.Equal(
            ["akka.tcp://actorzk@zk1.example:2888", "akka.tcp://actorzk@zk2.example:2889", "akka.tcp://actorzk@zk3.example:2890"],
            hocon.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["observer"], hocon.GetStringList("akka.cluster.roles"));
    }

    [Fact]
    public void FramesHoldJuteMaxBufferPayloadsAndSnapshotChunks()
    {
        var small = ClusterSetup.Build(Member(ThreeAndObserver, 1), userOverride: null);
        var large = ClusterSetup.Build(Member(ThreeAndObserver + "\njute.maxbuffer=8388608", 1), userOverride: null);

        Assert.Equal(4 * 1024 * 1024, small.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        Assert.True(ClusterSetup.FrameSize(Member(ThreeAndObserver, 1)) > ClusterSetup.SnapshotChunkBytes + ServerConfig.DefaultMaxBuffer);
        Assert.Equal((2 * 8388608) + (64 * 1024), large.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        Assert.Equal(large.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"), large.GetByteSize("akka.remote.dot-netty.tcp.send-buffer-size"));
        Assert.Equal(large.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"), large.GetByteSize("akka.remote.dot-netty.tcp.receive-buffer-size"));
        Assert.Equal(large.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"), large.GetByteSize("akka.remote.actorzk-tcp.maximum-frame-size"));
        Assert.Equal(large.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"), large.GetByteSize("akka.remote.actorzk-tcp.socket-buffer-size"));
    }

    [Theory]
    [InlineData(2000, 5, 1000, 10_000)]
    [InlineData(500, 5, 250, 2500)]
    [InlineData(100, 2, 100, 300)]
    public void TheFailureDetectorFollowsTickTimeAndSyncLimit(int tickTime, int syncLimit, int heartbeatMs, int pauseMs)
    {
        var hocon = ClusterSetup.Build(Member($"tickTime={tickTime}\nsyncLimit={syncLimit}\n" + ThreeAndObserver.Replace("tickTime=2000\n", "").Replace("syncLimit=5\n", ""), 1), null);

        Assert.Equal(TimeSpan.FromMilliseconds(heartbeatMs), hocon.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(pauseMs), hocon.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
    }

    [Fact]
    public void NobodyIsDownedAndARestartedMemberIsReachableAtOnce()
    {
        var hocon = ClusterSetup.Build(Member(ThreeAndObserver, 1), userOverride: null);

        Assert.Equal(string.Empty, hocon.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), hocon.GetTimeSpan("akka.remote.retry-gate-closed-for"));
        Assert.Equal("hyperion", hocon.GetString("akka.actor.serialization-bindings.\"System.Object\""));
        Assert.Equal(TimeSpan.FromSeconds(2), hocon.GetTimeSpan(ElectionActor.MaxNotificationIntervalPath));
    }

    [Fact]
    public void TheUserOverrideWinsThenTheGeneratedPartThenTheFilesThenStorage()
    {
        var storage = ConfigurationFactory.ParseString("akka.persistence.journal.plugin = from-storage\nakka.actor.provider = local");
        var hocon = ClusterSetup.Build(
            Member(ThreeAndObserver, 1),
            "akka.remote.dot-netty.tcp.hostname = 0.0.0.0\nactorzk.election.max-notification-interval = 3s",
            storage);

        Assert.Equal("0.0.0.0", hocon.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(2888, hocon.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(TimeSpan.FromSeconds(3), hocon.GetTimeSpan(ElectionActor.MaxNotificationIntervalPath));
        Assert.Equal("cluster", hocon.GetString("akka.actor.provider"));
        Assert.Equal("from-storage", hocon.GetString("akka.persistence.journal.plugin"));
        Assert.True(hocon.HasPath("actorzk.peer-dispatcher.type"));
    }

    [Fact]
    public void TheEnsembleHasEveryMembersAddressAndTheStaticQuorum()
    {
        var directory = Directory.CreateTempSubdirectory("actorzk-ensemble-").FullName;
        try
        {
            var ensemble = ClusterSetup.Ensemble(Member(ThreeAndObserver, 3), EpochStore.Open(directory));

            Assert.Equal([1L, 2L, 3L], ensemble.Quorum.Voters);
            Assert.Equal([4L], ensemble.Quorum.Observers);
            Assert.Equal(3, ensemble.MyId);
            Assert.Equal(new Address("akka.tcp", "actorzk", "zk4.example", 2891), ensemble.Addresses[4]);
            Assert.Equal("akka.tcp://actorzk@zk1.example:2888/user/peer/election", ensemble.ElectionPath(1).ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AStandaloneConfigHasNoEnsemble()
    {
        var e = Assert.Throws<ConfigException>(() => ClusterSetup.Generate(ZooCfgParser.Parse("clientPort=2181", "zoo.cfg").Config));

        Assert.Contains("standalone", e.Message);
    }

    [Fact]
    public async Task QuorumMessagesRoundTripOverARealClusterSystem()
    {
        var ports = ActorZk.TestSupport.Loopback.FreePorts(4);
        var port = ports[0];
        var config = Member($"tickTime=500\nserver.1=127.0.0.1:{port}:{ports[1]}\nserver.2=127.0.0.1:{ports[2]}:{ports[3]}", 1);
        var system = ActorSystem.Create(
            ClusterSetup.SystemName,
            ClusterSetup.Build(config, "akka.coordinated-shutdown.run-by-actor-system-terminate = off\nakka.loglevel = WARNING"));
        try
        {
            Assert.Equal("NoDowning", Cluster.Get(system).DowningProvider.GetType().Name);
            var actor = system.ActorOf(Props.Empty, "someone");
            var vote = new Vote(3, 0x2_0000_0009, 2, 7);
            var notification = new ElectionNotification(new Notification(3, ServerState.Following, vote));
            var sample = new SerializationSample([1, 2, 255], actor, ServerState.Observing, Vote.None(4), [1, 2, 3]);

            Assert.Equal(notification, RoundTrip<ElectionNotification, ZabSerializer>(system, notification));
            Assert.Equal(new LeaderElected(vote, ServerState.Leading), RoundTrip(system, new LeaderElected(vote, ServerState.Leading)));
            Assert.Equal(new StartElection(5, 6), RoundTrip(system, new StartElection(5, 6)));
            var back = RoundTrip(system, sample);
            Assert.Equal(sample.Payload, back.Payload);
            Assert.Equal(actor, back.Sender);
            Assert.Equal(sample.State, back.State);
            Assert.Equal(sample.Vote, back.Vote);
            Assert.Equal(sample.Ids, back.Ids);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    private static T RoundTrip<T>(ActorSystem system, T message)
        where T : notnull
        => RoundTrip<T, HyperionSerializer>(system, message);

    private static T RoundTrip<T, TSerializer>(ActorSystem system, T message)
        where T : notnull
        where TSerializer : Serializer
    {
        var serializer = system.Serialization.FindSerializerFor(message);
        Assert.IsType<TSerializer>(serializer);
        // As Akka.Remote does it: the serializer's id and manifest travel with the bytes.
        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Assert.IsType<T>(system.Serialization.Deserialize(bytes, serializer.Identifier, manifest));
    }
}
