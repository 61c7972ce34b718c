using ActorZk.Client.Exceptions;
using ActorZk.Client.Multi;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;

namespace ActorZk.Client.Tests.EndToEnd;

public sealed class MultiTests(ServerFixture server) : ClientTestBase(server)
{
    [ZooKeeperFact]
    public async Task Multi_applies_all_ops_and_returns_one_result_each()
    {
        await Zk.CreateAsync(P("existing"), [], Open);
        var results = await Zk.MultiAsync(
        [
            Op.Create(P("a"), [1], Open),
            Op.Create(P("seq-"), [], Open, CreateMode.PersistentSequential),
            Op.Create(P("container"), [], Open, CreateMode.Container),
            Op.Create(P("ttl"), [], Open, CreateMode.PersistentWithTtl, ttl: 60_000),
            Op.SetData(P("a"), [2], 0),
            Op.Check(P("a"), 1),
            Op.Delete(P("existing"), 0),
        ]);

        Assert.Equal(7, results.Count);
        Assert.Equal(new CreateResult(P("a"), null), results[0]);
        Assert.Matches($"^{P("seq-")}\\d{{10}}$", Assert.IsType<CreateResult>(results[1]).Path);
        var container = Assert.IsType<CreateResult>(results[2]);
        Assert.Equal(P("container"), container.Path);
        Assert.NotNull(container.Stat);
        Assert.Equal(P("ttl"), Assert.IsType<CreateResult>(results[3]).Path);
        Assert.Equal(1, Assert.IsType<SetDataResult>(results[4]).Stat.Version);
        Assert.IsType<CheckResult>(results[5]);
        Assert.IsType<DeleteResult>(results[6]);
        Assert.All(results, r => Assert.Equal(ErrorCode.Ok, r.Error));

        Assert.Equal(new byte[] { 2 }, (await Zk.GetDataAsync(P("a"))).Data);
        Assert.Null(await Zk.ExistsAsync(P("existing")));
    }

    [ZooKeeperFact]
    public async Task Failed_multi_applies_nothing_and_reports_every_result()
    {
        await Zk.CreateAsync(P("taken"), [], Open);
        var error = await Assert.ThrowsAsync<NodeExistsException>(() => Zk.MultiAsync(
        [
            Op.Create(P("new"), [], Open),
            Op.Create(P("taken"), [], Open),
            Op.SetData(P("taken"), [1]),
        ]));

        Assert.Equal(ErrorCode.NodeExists, error.ErrorCode);
        Assert.Equal(P("taken"), error.Path);
        Assert.Equal(1, error.FailedOpIndex);
        Assert.NotNull(error.MultiResults);
        Assert.Equal(
            [ErrorCode.Ok, ErrorCode.NodeExists, ErrorCode.RuntimeInconsistency],
            error.MultiResults.Select(r => Assert.IsType<ErrorResult>(r).Code));
        Assert.Null(await Zk.ExistsAsync(P("new")));
        Assert.Equal(0, (await Zk.ExistsAsync(P("taken")))!.Value.Version);
    }

    [ZooKeeperFact]
    public async Task Failed_check_fails_the_transaction_with_bad_version()
    {
        await Zk.CreateAsync(P("versioned"), [], Open);
        var error = await Assert.ThrowsAsync<BadVersionException>(() => Zk.CreateTransaction()
            .Check(P("versioned"), 5)
            .Delete(P("versioned"))
            .CommitAsync());
        Assert.Equal(0, error.FailedOpIndex);
        Assert.NotNull(await Zk.ExistsAsync(P("versioned")));

        var results = await Zk.CreateTransaction()
            .Check(P("versioned"), 0)
            .Delete(P("versioned"))
            .CommitAsync();
        Assert.Equal(2, results.Count);
        Assert.Null(await Zk.ExistsAsync(P("versioned")));
    }

    [ZooKeeperFact]
    public async Task Multi_read_reports_each_op_on_its_own()
    {
        await Zk.CreateAsync(P("r"), [7], Open);
        await Zk.CreateAsync(P("r/kid"), [], Open);
        var results = await Zk.MultiReadAsync(
        [
            Op.GetData(P("r")),
            Op.GetData(P("missing")),
            Op.GetChildren(P("r")),
            Op.GetChildren(P("missing")),
        ]);

        var data = Assert.IsType<GetDataResult>(results[0]);
        Assert.Equal(new byte[] { 7 }, data.Data);
        Assert.Equal(1, data.Stat.NumChildren);
        Assert.Equal(ErrorCode.NoNode, Assert.IsType<ErrorResult>(results[1]).Code);
        Assert.Equal(["kid"], Assert.IsType<GetChildrenResult>(results[2]).Children);
        Assert.Equal(ErrorCode.NoNode, results[3].Error);
    }

    [ZooKeeperFact]
    public async Task Empty_and_mixed_op_lists_are_handled_on_the_client()
    {
        Assert.Empty(await Zk.MultiAsync([]));
        Assert.Empty(await Zk.MultiReadAsync([]));
        Assert.Throws<ArgumentException>(() => { _ = Zk.MultiAsync([Op.Create(P("x"), [], Open), Op.GetData(P("x"))]); });
        Assert.Throws<ArgumentException>(() => { _ = Zk.MultiReadAsync([Op.Delete(P("x"))]); });
        Assert.Null(await Zk.ExistsAsync(P("x")));
    }

    [ZooKeeperFact]
    public async Task Multi_fires_the_watches_of_its_ops()
    {
        await Zk.CreateAsync(P("w"), [], Open);
        var watcher = new EventRecorder();
        await Zk.GetDataAsync(P("w"), watcher);
        await Zk.GetChildrenAsync(Root, watcher);

        await Zk.MultiAsync([Op.SetData(P("w"), [1]), Op.Create(P("w2"), [], Open)]);

        var events = await watcher.WaitForNodeEventsAsync(2);
        Assert.Equal(
            [(EventType.NodeDataChanged, P("w")), (EventType.NodeChildrenChanged, Root)],
            events.Select(e => (e.Type, e.Path!)));
    }
}
