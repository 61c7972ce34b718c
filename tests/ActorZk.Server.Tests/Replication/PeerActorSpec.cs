using System.Net;
using System.Text;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Configuration;
using ActorZk.Server.Network;
using ActorZk.Server.Replication;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ActorZk.Server.Tests.Replication;

/// <summary>
/// The peer actor inside a TestKit actor system, behind a real gateway on a loopback port, driven by the
/// .NET client: what the actor holds (GetPeerStatus) must follow what clients do.
/// </summary>
public sealed class PeerActorSpec : TestKit, IAsyncLifetime
{
    private readonly ServerConfig config = new()
    {
        TickTime = 200,
        MinSessionTimeoutSetting = 400,
        MaxSessionTimeoutSetting = 10_000,
        ClientPort = 0,
        ClientPortAddress = "127.0.0.1",
        ExtendedTypesEnabled = true,
        ContainerCheckIntervalMs = 200,
    };

    private IActorRef peer = ActorRefs.Nobody;
    private ClientGateway? gateway;

    public Task InitializeAsync()
    {
        var registry = new ConnectionRegistry();
        peer = Sys.ActorOf(PeerActor.Props(config, registry, NullLogger.Instance, durable: false), "peer");
        gateway = new ClientGateway(
            new IPEndPoint(IPAddress.Loopback, 0), peer, 0, config.JuteMaxBuffer, _ => true, registry, NullLogger.Instance);
        gateway.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }

    private string Hosts => $"127.0.0.1:{gateway!.LocalEndPoint.Port}";

    private Task<ZooKeeperClient> ConnectAsync(int sessionTimeoutMs = 4000)
        => ZooKeeperClient.ConnectAsync(Hosts, new ZooKeeperClientOptions { SessionTimeout = TimeSpan.FromMilliseconds(sessionTimeoutMs) });

    private PeerStatus Status()
    {
        peer.Tell(GetPeerStatus.Instance, TestActor);
        return ExpectMsg<PeerStatus>();
    }

    [Fact]
    public void AFreshPeerIsAStandaloneTreeOfTheSystemNodes()
    {
        var status = Status();

        Assert.Equal("standalone", status.Mode);
        Assert.Equal(0, status.LastZxid);
        Assert.Equal(5, status.NodeCount); // "/", its "" alias, /zookeeper, /zookeeper/quota, /zookeeper/config
        Assert.Equal(0, status.SessionCount);
    }

    [Fact]
    public async Task EveryWriteIsATxnWithTheNextZxid()
    {
        await using var client = await ConnectAsync();
        var afterSession = Status().LastZxid;

        await client.CreateAsync("/a", "x"u8.ToArray(), Acl.OpenAclUnsafe);
        var (_, stat) = await client.GetDataAsync("/a");
        await Assert.ThrowsAsync<NodeExistsException>(() => client.CreateAsync("/a", null, Acl.OpenAclUnsafe));
        var stat2 = await client.SetDataAsync("/a", "y"u8.ToArray());

        Assert.Equal(1, afterSession); // createSession was txn 0x1
        Assert.Equal(2, stat.Czxid);
        Assert.Equal(4, stat2.Mzxid); // the failed create still consumed zxid 0x3, as in ZooKeeper
        Assert.Equal(4, Status().LastZxid);
        Assert.Equal(6, Status().NodeCount);
    }

    [Fact]
    public async Task ClosingASessionRemovesItsEphemeralsAndFiresWatches()
    {
        await using var watcherClient = await ConnectAsync();
        var owner = await ConnectAsync();
        await owner.CreateAsync("/e", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var deleted = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.NotNull(await watcherClient.ExistsAsync("/e", Watcher.Create(e => deleted.TrySetResult(e))));
        Assert.Equal(2, Status().SessionCount);

        await owner.CloseAsync();

        var evt = await deleted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(EventType.NodeDeleted, evt.Type);
        Assert.Equal("/e", evt.Path);
        Assert.Null(await watcherClient.ExistsAsync("/e"));
        Assert.Equal(1, Status().SessionCount);
    }

    [Fact]
    public async Task ASilentSessionExpiresAndItsEphemeralsGo()
    {
        await using var observer = await ConnectAsync();

        // A raw client that creates an ephemeral and then goes silent without a closeSession.
        using (var victim = await RawSession.ConnectAsync(gateway!.LocalEndPoint, timeoutMs: 400))
        {
            Assert.Equal(400, victim.NegotiatedTimeout);
            await victim.CreateEphemeralAsync("/gone");
            Assert.NotNull(await observer.ExistsAsync("/gone"));
        }

        await AwaitAssertAsync(
            async () => Assert.Null(await observer.ExistsAsync("/gone")),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, Status().SessionCount);
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(163)]
    public async Task SetWatchesIsAnsweredWithTheRequestsXid(int xid)
    {
        // The 3.8 Java client renumbers setWatches with an ordinary xid and closes the connection on a reply with any
        // other xid (FinalRequestProcessor answers with request.cxid); kazoo sends -8.
        using var session = await RawSession.ConnectAsync(gateway!.LocalEndPoint, timeoutMs: 4000);
        var reply = await session.RequestAsync(xid, OpCode.SetWatches, new SetWatches(int.MaxValue, ["/"], ["/a"], ["/"]));
        Assert.Equal(xid, reply.Xid);
        Assert.Equal(ErrorCode.Ok, reply.Err);
        var reply2 = await session.RequestAsync(xid + 1, OpCode.SetWatches2, new SetWatches2(int.MaxValue, ["/"], [], [], [], []));
        Assert.Equal(xid + 1, reply2.Xid);
    }

    [Fact]
    public async Task AReconnectWithTheSessionIdAndPasswordKeepsTheSession()
    {
        var first = await ConnectAsync();
        await first.CreateAsync("/mine", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var options = new ZooKeeperClientOptions
        {
            SessionId = first.SessionId,
            SessionPassword = first.SessionPassword,
            SessionTimeout = TimeSpan.FromSeconds(4),
        };

        await using var second = await ZooKeeperClient.ConnectAsync(Hosts, options);

        Assert.Equal(first.SessionId, second.SessionId);
        var stat = await second.ExistsAsync("/mine");
        Assert.Equal(first.SessionId, stat!.Value.EphemeralOwner);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAsAnExpiredSession()
    {
        await using var first = await ConnectAsync();
        var options = new ZooKeeperClientOptions
        {
            SessionId = first.SessionId,
            SessionPassword = new byte[16],
            SessionTimeout = TimeSpan.FromSeconds(4),
        };

        await Assert.ThrowsAsync<SessionExpiredException>(() => ZooKeeperClient.ConnectAsync(Hosts, options));
    }

    [Fact]
    public async Task AWriteWhoseBodyDoesNotDecodeIsAnErrorTxnOfItsOwn()
    {
        // 3.8.0 PrepRequestProcessor gives the request its txn header (the next zxid) before decoding the body, and a
        // decoding failure becomes an error txn: MarshallingError, and the zxid is used. Found by tests/interop/diff.
        using var session = await RawSession.ConnectAsync(gateway!.LocalEndPoint, timeoutMs: 4000);
        var before = Status().LastZxid;

        var create = await session.RequestRawAsync(1, OpCode.Create, [0, 0, 0, 5]);
        var multi = await session.RequestRawAsync(2, OpCode.Multi, [0, 0, 0, (byte)OpCode.GetData, 0, 0xff, 0xff, 0xff, 0xff]);

        Assert.Equal(ErrorCode.MarshallingError, create.Err);
        Assert.Equal(before + 1, create.Zxid);
        Assert.Equal(ErrorCode.MarshallingError, multi.Err);
        Assert.Equal(before + 2, multi.Zxid);
        Assert.Equal(before + 2, Status().LastZxid);

        // A read whose body does not decode is no txn.
        var read = await session.RequestRawAsync(3, OpCode.GetData, [0, 0, 0, 5]);
        Assert.Equal(ErrorCode.MarshallingError, read.Err);
        Assert.Equal(before + 2, read.Zxid);
    }

    [Fact]
    public async Task AMultiWithANullPathUsesAZxidWithoutATxn()
    {
        // 3.8.0 takes the multi's zxid, then fails on the null path (a NullPointerException) before the txn header
        // exists: MarshallingError at the last applied zxid, nothing logged, and the next txn's zxid is one further.
        using var session = await RawSession.ConnectAsync(gateway!.LocalEndPoint, timeoutMs: 4000);
        var before = Status().LastZxid;

        // one op: delete (type 2, done false, err -1) with a null path and version -1, then the terminator
        byte[] body = [0, 0, 0, 2, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 0xff, 0xff, 0xff, 0xff];
        var multi = await session.RequestRawAsync(1, OpCode.Multi, body);
        Assert.Equal(ErrorCode.MarshallingError, multi.Err);
        Assert.Equal(before, multi.Zxid);
        Assert.Equal(before, Status().LastZxid);

        // a create with a null path is an error txn of its own (MarshallingError), one zxid after the one skipped
        var create = await session.RequestRawAsync(2, OpCode.Create, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal(ErrorCode.MarshallingError, create.Err);
        Assert.Equal(before + 2, create.Zxid);
    }

    [Fact]
    public async Task IdentitiesAreListedInZooKeepersOrder()
    {
        // 3.8.0 keeps a connection's identities in a ConcurrentHashMap-backed set: whoAmI and the auth scheme of an ACL
        // list them by hash bucket (bob's digest before the ip, alice's after it). Found by tests/interop/diff.
        await using var client = await ConnectAsync();
        await client.AddAuthAsync("digest", "alice:pw"u8.ToArray());
        await client.AddAuthAsync("digest", "bob:pw"u8.ToArray());

        var whoAmI = await client.WhoAmIAsync();
        await client.CreateAsync("/mine", null, Acl.CreatorAllAcl);
        var (acl, _) = await client.GetAclAsync("/mine");

        Assert.Equal([new ClientInfo("digest", "bob"), new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "alice")], whoAmI);
        Assert.Equal(["bob", "alice"], acl.Select(a => a.Id.Identity.Split(':')[0]));
    }

    [Fact]
    public async Task AnEventSkipsAConnectionThatMayNotReadTheNode()
    {
        // The CVE-2024-23944 fix in the Debian 3.8.0 packages: events are filtered by READ on the node's ACL, with the
        // identities of the watching connection. Found by tests/interop/diff.
        await using var stranger = await ConnectAsync();
        await using var alice = await ConnectAsync();
        await alice.AddAuthAsync("digest", "alice:pw"u8.ToArray());
        var secretCreated = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var openCreated = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Null(await stranger.ExistsAsync("/secret", Watcher.Create(e => secretCreated.TrySetResult(e))));
        Assert.Null(await stranger.ExistsAsync("/open", Watcher.Create(e => openCreated.TrySetResult(e))));

        await alice.CreateAsync("/secret", null, Acl.CreatorAllAcl);
        await alice.CreateAsync("/open", null, Acl.OpenAclUnsafe);

        // Events reach a connection in txn order: once /open's is in, /secret's would have been too.
        Assert.Equal(EventType.NodeCreated, (await openCreated.Task.WaitAsync(TimeSpan.FromSeconds(10))).Type);
        Assert.False(secretCreated.Task.IsCompleted);
    }

    [Fact]
    public async Task EmptyContainersAreRemovedByTheServer()
    {
        await using var client = await ConnectAsync();
        await client.CreateAsync("/c", null, Acl.OpenAclUnsafe, CreateMode.Container);
        await client.CreateAsync("/c/child", Encoding.UTF8.GetBytes("x"), Acl.OpenAclUnsafe);
        await client.DeleteAsync("/c/child");

        await AwaitAssertAsync(
            async () => Assert.Null(await client.ExistsAsync("/c")),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
    }
}
