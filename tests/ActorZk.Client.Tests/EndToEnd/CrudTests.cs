using System.Text;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Tests.EndToEnd;

public sealed class CrudTests(ServerFixture server) : ClientTestBase(server)
{
    [ZooKeeperFact]
    public async Task Create_read_update_delete_round_trip()
    {
        var path = P("node");
        Assert.Equal(path, await Zk.CreateAsync(path, "v1"u8.ToArray(), Open));

        var (data, stat) = await Zk.GetDataAsync(path);
        Assert.Equal("v1", Encoding.UTF8.GetString(data!));
        Assert.Equal(0, stat.Version);
        Assert.Equal(2, stat.DataLength);
        Assert.Equal(0, stat.EphemeralOwner);

        var updated = await Zk.SetDataAsync(path, "v22"u8.ToArray(), stat.Version);
        Assert.Equal(1, updated.Version);
        Assert.True(updated.Mzxid > stat.Mzxid);
        Assert.Equal(stat.Czxid, updated.Czxid);

        Assert.Equal(updated, await Zk.ExistsAsync(path));

        await Zk.DeleteAsync(path, updated.Version);
        Assert.Null(await Zk.ExistsAsync(path));
    }

    [ZooKeeperFact]
    public async Task Errors_map_to_exceptions_with_code_and_path()
    {
        var path = P("a");
        await Zk.CreateAsync(path, [], Open);
        await Zk.CreateAsync(path + "/child", [], Open);

        var exists = await Assert.ThrowsAsync<NodeExistsException>(() => Zk.CreateAsync(path, [], Open));
        Assert.Equal(ErrorCode.NodeExists, exists.ErrorCode);
        Assert.Equal(path, exists.Path);

        var noParent = await Assert.ThrowsAsync<NoNodeException>(() => Zk.CreateAsync(P("missing/x"), [], Open));
        Assert.Equal(P("missing/x"), noParent.Path);
        await Assert.ThrowsAsync<NoNodeException>(() => Zk.DeleteAsync(P("missing")));
        await Assert.ThrowsAsync<NoNodeException>(() => Zk.GetDataAsync(P("missing")));
        await Assert.ThrowsAsync<NoNodeException>(() => Zk.SetDataAsync(P("missing"), []));
        await Assert.ThrowsAsync<NoNodeException>(() => Zk.GetChildrenAsync(P("missing")));
        await Assert.ThrowsAsync<BadVersionException>(() => Zk.SetDataAsync(path, [], version: 7));
        await Assert.ThrowsAsync<BadVersionException>(() => Zk.DeleteAsync(path + "/child", version: 3));
        await Assert.ThrowsAsync<NotEmptyException>(() => Zk.DeleteAsync(path));
        await Assert.ThrowsAsync<InvalidAclException>(() => Zk.CreateAsync(P("b"), [], []));
    }

    [ZooKeeperFact]
    public async Task Null_data_stays_distinct_from_empty_data()
    {
        await Zk.CreateAsync(P("null"), null, Open);
        await Zk.CreateAsync(P("empty"), [], Open);

        Assert.Null((await Zk.GetDataAsync(P("null"))).Data);
        var empty = (await Zk.GetDataAsync(P("empty"))).Data;
        Assert.NotNull(empty);
        Assert.Empty(empty);

        await Zk.SetDataAsync(P("empty"), null);
        Assert.Null((await Zk.GetDataAsync(P("empty"))).Data);
    }

    [ZooKeeperFact]
    public async Task Sequential_nodes_get_increasing_ten_digit_suffixes()
    {
        var first = await Zk.CreateAsync(P("seq-"), [], Open, CreateMode.PersistentSequential);
        var second = await Zk.CreateAsync(P("seq-"), [], Open, CreateMode.PersistentSequential);

        Assert.Matches($"^{Root}/seq-\\d{{10}}$", first);
        Assert.True(string.CompareOrdinal(first, second) < 0);

        // A sequential create may end in '/', the counter becoming the whole name.
        var bare = await Zk.CreateAsync(P("dir"), [], Open);
        var unnamed = await Zk.CreateAsync(bare + "/", [], Open, CreateMode.PersistentSequential);
        Assert.Matches($"^{bare}/\\d{{10}}$", unnamed);
    }

    [ZooKeeperFact]
    public async Task Ephemeral_nodes_belong_to_the_session_and_vanish_when_it_closes()
    {
        var owner = await ConnectAsync();
        var path = await owner.CreateAsync(P("eph"), [], Open, CreateMode.Ephemeral);
        var sequential = await owner.CreateAsync(P("eph-seq-"), [], Open, CreateMode.EphemeralSequential);

        var stat = await Zk.ExistsAsync(path);
        Assert.Equal(owner.SessionId, stat!.Value.EphemeralOwner);
        await Assert.ThrowsAsync<NoChildrenForEphemeralsException>(() => owner.CreateAsync(path + "/child", [], Open));

        var ephemerals = await owner.GetEphemeralsAsync(Root);
        Assert.Equal([path, sequential], ephemerals.Order(StringComparer.Ordinal));
        Assert.Empty(await Zk.GetEphemeralsAsync(Root));

        await owner.CloseAsync();
        Assert.Equal(ConnectionState.Closed, owner.State);
        Assert.Null(await Zk.ExistsAsync(path));
        Assert.Null(await Zk.ExistsAsync(sequential));
    }

    [ZooKeeperFact]
    public async Task Children_are_listed_with_and_without_stat_and_counted()
    {
        var parent = P("parent");
        await Zk.CreateAsync(parent, [], Open);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Zk.CreateAsync($"{parent}/{name}", [], Open);
        }

        await Zk.CreateAsync($"{parent}/a/deep", [], Open);

        Assert.Equal(["a", "b", "c"], (await Zk.GetChildrenAsync(parent)).Order(StringComparer.Ordinal));
        var (children, stat) = await Zk.GetChildrenWithStatAsync(parent);
        Assert.Equal(3, children.Count);
        Assert.Equal(3, stat.NumChildren);
        Assert.Equal(3, stat.Cversion);
        Assert.Equal(4, await Zk.GetAllChildrenNumberAsync(parent));
        Assert.Empty(await Zk.GetChildrenAsync($"{parent}/b"));
    }

    [ZooKeeperFact]
    public async Task Create_with_stat_returns_the_new_nodes_stat()
    {
        var (path, stat) = await Zk.CreateWithStatAsync(P("with-stat"), "x"u8.ToArray(), Open);
        Assert.Equal(P("with-stat"), path);
        Assert.Equal(1, stat.DataLength);
        Assert.Equal(stat, await Zk.ExistsAsync(path));

        var (seqPath, seqStat) = await Zk.CreateWithStatAsync(P("s-"), [], Open, CreateMode.PersistentSequential);
        Assert.StartsWith(P("s-"), seqPath, StringComparison.Ordinal);
        Assert.Equal(seqStat.Czxid, seqStat.Mzxid);
    }

    [ZooKeeperFact]
    public async Task Container_and_ttl_nodes_can_be_created()
    {
        var container = await Zk.CreateAsync(P("container"), [], Open, CreateMode.Container);
        Assert.Equal(P("container"), container);
        var (ttlPath, ttlStat) = await Zk.CreateWithStatAsync(P("ttl"), [], Open, CreateMode.PersistentWithTtl, ttl: 60_000);
        Assert.Equal(P("ttl"), ttlPath);
        Assert.Equal(ttlStat.Czxid, (await Zk.ExistsAsync(ttlPath))!.Value.Czxid);
        var ttlSeq = await Zk.CreateAsync(P("ttl-seq-"), [], Open, CreateMode.PersistentSequentialWithTtl, ttl: 60_000);
        Assert.Matches("\\d{10}$", ttlSeq);

        Assert.Throws<ArgumentException>(() => { _ = Zk.CreateAsync(P("bad"), [], Open, CreateMode.PersistentWithTtl); });
        Assert.Throws<ArgumentException>(() => { _ = Zk.CreateAsync(P("bad"), [], Open, CreateMode.Persistent, ttl: 5); });
    }

    [ZooKeeperFact]
    public async Task Invalid_paths_are_rejected_before_sending()
    {
        Assert.Throws<ArgumentException>(() => { _ = Zk.GetDataAsync("no-slash"); });
        Assert.Throws<ArgumentException>(() => { _ = Zk.CreateAsync("/a/", [], Open); });
        Assert.Throws<ArgumentException>(() => { _ = Zk.ExistsAsync("/a//b"); });
        Assert.Throws<ArgumentException>(() => { _ = Zk.DeleteAsync("/a/./b"); });
        Assert.Throws<ArgumentNullException>(() => { _ = Zk.SetDataAsync(null!, []); });
        Assert.Equal(ConnectionState.Connected, Zk.State);
        await Zk.SyncAsync(Root);
    }

    [ZooKeeperFact]
    public async Task Large_data_round_trips()
    {
        var data = new byte[900 * 1024];
        Random.Shared.NextBytes(data);
        await Zk.CreateAsync(P("large"), data, Open);
        Assert.Equal(data, (await Zk.GetDataAsync(P("large"))).Data);
    }

    [ZooKeeperFact]
    public async Task Pipelined_requests_all_complete_in_order()
    {
        const int count = 500;
        var creates = Enumerable.Range(0, count).Select(i => Zk.CreateAsync(P($"n{i:D4}"), BitConverter.GetBytes(i), Open)).ToArray();
        var paths = await Task.WhenAll(creates);
        Assert.Equal(Enumerable.Range(0, count).Select(i => P($"n{i:D4}")), paths);

        // Replies come back in request order, so the zxids of the creates increase with the call order.
        var stats = await Task.WhenAll(paths.Select(p => Zk.ExistsAsync(p)));
        var czxids = stats.Select(s => s!.Value.Czxid).ToArray();
        Assert.Equal(czxids.Order(), czxids);
        Assert.True(Zk.LastZxid >= czxids[^1]);
    }

    [ZooKeeperFact]
    public async Task Sync_and_who_am_i_answer()
    {
        await Zk.SyncAsync("/");
        var identities = await Zk.WhoAmIAsync();
        Assert.Contains(identities, i => i.AuthScheme == "ip");
    }

    [ZooKeeperFact]
    public async Task Raw_requests_return_exact_error_codes()
    {
        var missing = await Zk.SendAsync(OpCode.Exists, new ExistsRequest(P("nope"), false));
        Assert.Equal(ErrorCode.NoNode, missing.Error);
        Assert.True(missing.Header.Zxid > 0);

        await Zk.CreateAsync(P("raw"), "r"u8.ToArray(), Open);
        var reply = await Zk.SendAsync(OpCode.GetData, new GetDataRequest(P("raw"), false));
        Assert.Equal(ErrorCode.Ok, reply.Error);
        Assert.Equal(new byte[] { (byte)'r' }, reply.Read<GetDataResponse>().Data);

        var badVersion = await Zk.SendAsync(OpCode.Delete, new DeleteRequest(P("raw"), 42));
        Assert.Equal(ErrorCode.BadVersion, badVersion.Error);

    }

    [ZooKeeperFact]
    public async Task Unknown_op_code_is_answered_with_an_error()
    {
        // ZooKeeper may also close the connection afterwards; a throwaway client keeps that away from other tests.
        var client = await ConnectAsync();
        var unknown = await client.SendAsync((OpCode)9999, null);
        Assert.NotEqual(ErrorCode.Ok, unknown.Error);
    }

    [ZooKeeperFact]
    public async Task Cancelling_a_call_stops_waiting_without_breaking_the_session()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Zk.ExistsAsync(Root, cancellationToken: cancelled.Token));
        Assert.NotNull(await Zk.ExistsAsync(Root));
    }
}
