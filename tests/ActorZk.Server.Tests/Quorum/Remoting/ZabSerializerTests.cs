using System.Runtime.Serialization;
using ActorZk.Core.Quorum;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Configuration;
using ActorZk.Server.Quorum;
using ActorZk.Server.Quorum.Remoting;
using ActorZk.Server.Replication;
using ActorZk.Server.Storage;
using Akka.Actor;
using CsCheck;
using Xunit;

namespace ActorZk.Server.Tests.Quorum.Remoting;

/// <summary>
/// The quorum packets' wire form: every packet type is bound to <see cref="ZabSerializer"/> by the member's real
/// configuration, random packets come back field for field, and damaged bytes are a <see cref="SerializationException"/>.
/// </summary>
public sealed class ZabSerializerTests : IAsyncLifetime
{
    private static readonly Gen<LoggedTxn> Txn = Gen.Select(Gen.Long, Gen.Byte.Array[0, 40], (zxid, bytes) => new LoggedTxn(zxid, bytes));

    private static readonly Gen<ForwardedRequest> Request = Gen.Select(
        Gen.Long, Gen.Long, Gen.Int, Gen.OneOfConst(OpCode.Create, OpCode.SetData, OpCode.CreateSession, OpCode.Multi),
        Gen.Byte.Array[0, 30], Gen.Select(Gen.String, Gen.String, (scheme, id) => new Id(scheme, id)).List[0, 3],
        (server, session, cxid, type, body, auth) => new ForwardedRequest(server, session, cxid, type, body, auth));

    private static readonly Gen<object> Packets = Gen.OneOf<object>(
        Gen.Select(Gen.Long, Gen.Int[0, 3], Gen.Long, Gen.Long, Gen.Long, Gen.Long, (sender, state, leader, zxid, epoch, round)
            => new ElectionNotification(new Notification(sender, (ServerState)state, new Vote(leader, zxid, epoch, round)))),
        Gen.Select(Gen.Long, Gen.Bool, Gen.Long, Gen.Long, Gen.Long, (id, observer, accepted, zxid, registration)
            => new FollowerInfo(id, observer, accepted, zxid) { Registration = registration }),
        Gen.Select(Gen.Long, Gen.Long, (a, b) => new LeaderInfo(a, b)),
        Gen.Select(Gen.Long, Gen.Long, Gen.Long, (a, b, c) => new AckEpoch(a, b, c)),
        Txn.List[0, 5].Select(txns => new SyncTxns(txns)),
        Gen.Long.Select(zxid => new SyncTruncate(zxid)),
        Gen.Select(Gen.Long, Gen.Int, Gen.Int, Gen.Byte.Array[0, 100], (zxid, index, count, bytes) => new SyncSnapshotChunk(zxid, index, count, bytes)),
        Gen.Long.Select(zxid => new NewLeader(zxid)),
        Gen.Select(Gen.Long, Gen.Long, (a, b) => new AckNewLeader(a, b)),
        Gen.Long.Select(id => new UpToDate(id)),
        Gen.Select(Txn.List[0, 5], Gen.Long, (txns, commit) => new Proposals(txns) { CommitThrough = commit }),
        Gen.Select(Gen.Long, Gen.Long, (a, b) => new AckProposals(a, b)),
        Gen.Long.Select(zxid => new CommitThrough(zxid)),
        Txn.List[0, 5].Select(txns => new Inform(txns)),
        Gen.Select(Gen.Long, Gen.Long, (a, b) => new LeaderPing(a, b)),
        Gen.Select(Gen.Long, Gen.Select(Gen.Long, Gen.Int, (s, t) => new SessionTouch(s, t)).List[0, 4], (id, touches) => new LearnerPing(id, touches)),
        Request,
        Request.List[0, 4].Select(requests => new ForwardedRequests(requests)),
        Gen.Select(Gen.Long, Gen.Long, Gen.Int, (a, b, c) => new ForwardedSync(a, b, c)),
        Gen.Select(Gen.Long, Gen.Int, Gen.Long, (a, b, c) => new SyncCompleted(a, b, c)));

    private ActorSystem system = null!;
    private ZabSerializer serializer = null!;

    /// <summary>One of every packet type, for the theory.</summary>
    public static TheoryData<object> EveryPacket() => new(AllPackets());

    /// <summary>One of every packet type, as the leader and learners send them.</summary>
    private static object[] AllPackets()
    {
        var txn = new LoggedTxn(0x3_0000_0001, [1, 2, 3]);
        return [
            new ElectionNotification(new Notification(2, ServerState.Looking, new Vote(2, 0x3_0000_0001, 3, 9))),
            new FollowerInfo(2, true, 3, 0x3_0000_0001) { Registration = 4 },
            new LeaderInfo(1, 4),
            new AckEpoch(2, 3, 0x3_0000_0001),
            new SyncTxns([txn, txn with { Zxid = 0x3_0000_0002 }]),
            new SyncTruncate(0x3_0000_0000),
            new SyncSnapshotChunk(0x3_0000_0001, 0, 2, [9, 8, 7]),
            new NewLeader(0x4_0000_0000),
            new AckNewLeader(2, 0x4_0000_0000),
            new UpToDate(1),
            new Proposals([txn]) { CommitThrough = 0x3_0000_0000 },
            new AckProposals(2, 0x3_0000_0001),
            new CommitThrough(0x3_0000_0001),
            new Inform([txn]),
            new LeaderPing(1, 0x3_0000_0001),
            new LearnerPing(2, [new SessionTouch(0x100, 30_000)]),
            new ForwardedRequest(2, 0x100, 7, OpCode.Create, [0, 1], [new Id("digest", "u:p")]),
            new ForwardedRequests([new ForwardedRequest(2, 0x100, 8, OpCode.Delete, [], [])]),
            new ForwardedSync(2, 0x100, 9),
            new SyncCompleted(0x100, 9, 0x3_0000_0001),
        ];
    }

    /// <inheritdoc/>
    public Task InitializeAsync()
    {
        // The member's real configuration, as ClusterSetup builds it from a zoo.cfg.
        var ports = ActorZk.TestSupport.Loopback.FreePorts(4);
        var config = ZooCfgParser.Parse(
            $"tickTime=500\nserver.1=127.0.0.1:{ports[0]}:{ports[1]}\nserver.2=127.0.0.1:{ports[2]}:{ports[3]}",
            "zoo.cfg").Config with { MyId = 1 };
        system = ActorSystem.Create(
            ClusterSetup.SystemName,
            ClusterSetup.Build(config, "akka.coordinated-shutdown.run-by-actor-system-terminate = off\nakka.loglevel = WARNING"));
        serializer = new ZabSerializer((ExtendedActorSystem)system);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DisposeAsync() => system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));

    [Theory]
    [MemberData(nameof(EveryPacket))]
    public void Every_packet_type_is_bound_to_the_zab_serializer_and_comes_back(object packet)
    {
        var bound = system.Serialization.FindSerializerFor(packet);
        Assert.IsType<ZabSerializer>(bound);
        var manifest = Akka.Serialization.Serialization.ManifestFor(bound, packet);
        var back = system.Serialization.Deserialize(bound.ToBinary(packet), bound.Identifier, manifest);
        Assert.IsType(packet.GetType(), back);
        Assert.Equal(serializer.ToBinary(packet), serializer.ToBinary(back));
    }

    [Fact]
    public void The_manifests_are_distinct_and_short()
    {
        var manifests = AllPackets().Select(serializer.Manifest).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct().Count());
        Assert.All(manifests, m => Assert.Equal(2, m.Length));
    }

    [Fact]
    public void Fields_come_back_as_they_were_sent()
    {
        var request = new ForwardedRequest(2, 0x100, 7, OpCode.Create, [0, 1], [new Id("digest", "u:p"), new Id("ip", "127.0.0.1")]);
        var back = Assert.IsType<ForwardedRequest>(RoundTrip(request));
        Assert.Equal((2L, 0x100L, 7, OpCode.Create), (back.ServerId, back.SessionId, back.Cxid, back.Type));
        Assert.Equal(request.Body, back.Body);
        Assert.Equal(request.AuthInfo, back.AuthInfo);

        var proposals = Assert.IsType<Proposals>(RoundTrip(new Proposals([new LoggedTxn(7, [5]), new LoggedTxn(8, [])]) { CommitThrough = 6 }));
        Assert.Equal(6, proposals.CommitThrough);
        Assert.Equal([7L, 8], proposals.Txns.Select(t => t.Zxid));
        Assert.Equal([5], proposals.Txns[0].Bytes);
        Assert.Empty(proposals.Txns[1].Bytes);

        var notification = new ElectionNotification(new Notification(3, ServerState.Observing, new Vote(1, 2, 3, 4)));
        Assert.Equal(notification, RoundTrip(notification));
        var info = new FollowerInfo(2, true, 3, 4) { Registration = 5 };
        Assert.Equal(info, RoundTrip(info));
        var ping = Assert.IsType<LearnerPing>(RoundTrip(new LearnerPing(2, [new SessionTouch(9, 10), new SessionTouch(11, 12)])));
        Assert.Equal([new SessionTouch(9, 10), new SessionTouch(11, 12)], ping.Touches);
    }

    [Fact]
    public void Random_packets_come_back_byte_for_byte()
        => Packets.Sample(packet =>
        {
            var bytes = serializer.ToBinary(packet);
            var back = serializer.FromBinary(bytes, serializer.Manifest(packet));
            Assert.IsType(packet.GetType(), back);

            // Writing what came back gives the same bytes: every field went into its own place.
            Assert.Equal(bytes, serializer.ToBinary(back));
        });

    [Fact]
    public void Every_cut_short_packet_is_a_serialization_exception()
        => Packets.Sample(packet =>
        {
            var bytes = serializer.ToBinary(packet);
            var manifest = serializer.Manifest(packet);
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..length], manifest));
            }
        });

    [Fact]
    public void Trailing_bytes_an_unknown_manifest_and_absurd_counts_are_refused()
    {
        var bytes = serializer.ToBinary(new LeaderInfo(1, 2));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([.. bytes, 0], "li"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, "zz"));

        // A count of 2^31-1 txns in an 8-byte packet: refused before anything is allocated for it.
        Assert.Throws<SerializationException>(() => serializer.FromBinary([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0], "in"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([0xff, 0xff, 0xff, 0xff], "in"));

        // A server state that does not exist.
        Assert.Throws<SerializationException>(() => serializer.FromBinary(
            serializer.ToBinary(new ElectionNotification(new Notification(1, (ServerState)9, new Vote(1, 1, 1, 1)))),
            "en"));
    }

    [Fact]
    public void Something_else_is_not_serialized()
    {
        Assert.Throws<ArgumentException>(() => serializer.Manifest(new StartElection(1, 2)));
        Assert.Throws<ArgumentException>(() => serializer.ToBinary(new StartElection(1, 2)));
    }

    private object RoundTrip(object packet) => serializer.FromBinary(serializer.ToBinary(packet), serializer.Manifest(packet));
}
