using ActorZk.Client.Multi;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;

namespace ActorZk.Client.Tests.EndToEnd;

public sealed class ChrootTests(ServerFixture server) : ClientTestBase(server)
{
    [ZooKeeperFact]
    public async Task Paths_are_relative_to_the_chroot_in_requests_replies_and_events()
    {
        var rooted = await ConnectAsync(chroot: Root);
        Assert.Equal(Root, rooted.ConnectionString.ChrootPath);

        Assert.Equal("/a", await rooted.CreateAsync("/a", [1], Open));
        Assert.NotNull(await Zk.ExistsAsync(P("a")));
        Assert.Equal("/a/s-", (await rooted.CreateAsync("/a/s-", [], Open, CreateMode.EphemeralSequential))[..5]);
        Assert.Equal(["a"], await rooted.GetChildrenAsync("/"));
        Assert.Equal(1, (await rooted.ExistsAsync("/"))!.Value.NumChildren);

        var ephemerals = await rooted.GetEphemeralsAsync("/");
        Assert.All(ephemerals, e => Assert.StartsWith("/a/s-", e, StringComparison.Ordinal));
        Assert.Single(ephemerals);

        var (path, _) = await rooted.CreateWithStatAsync("/b", [], Open);
        Assert.Equal("/b", path);
        var results = await rooted.MultiAsync([Op.Create("/c", [], Open), Op.Create("/d", [], Open, CreateMode.Container)]);
        Assert.Equal(["/c", "/d"], results.Select(r => Assert.IsType<CreateResult>(r).Path));

        var watcher = new EventRecorder();
        await rooted.GetDataAsync("/a", watcher);
        await rooted.AddWatchAsync("/", AddWatchMode.PersistentRecursive, watcher);
        await Zk.SetDataAsync(P("a"), [2]);
        var events = await watcher.WaitForNodeEventsAsync(1);
        Assert.Equal("/a", events[0].Path);
        Assert.Equal(EventType.NodeDataChanged, events[0].Type);

        await Zk.CreateAsync(P("e"), [], Open);
        var created = await watcher.WaitForAsync(EventType.NodeCreated);
        Assert.Equal("/e", created.Path);

        await Zk.SetDataAsync(Root, [9]);
        var rootChange = await watcher.WaitForAsync(e => e.Any(x => x.Type == EventType.NodeDataChanged && x.Path == "/"));
        Assert.NotEmpty(rootChange);

        await rooted.RemoveAllWatchesAsync("/", WatcherType.Any);
        Assert.Equal("/", (await watcher.WaitForAsync(EventType.PersistentWatchRemoved)).Path);
    }

    [ZooKeeperFact]
    public async Task Deleting_the_root_fails_even_under_a_chroot()
    {
        var rooted = await ConnectAsync(chroot: Root);
        await Assert.ThrowsAnyAsync<Exceptions.KeeperException>(() => rooted.DeleteAsync("/"));
        Assert.NotNull(await Zk.ExistsAsync(Root));
    }
}
