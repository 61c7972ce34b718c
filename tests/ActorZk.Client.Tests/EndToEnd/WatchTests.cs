using ActorZk.Client.Exceptions;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;

namespace ActorZk.Client.Tests.EndToEnd;

public sealed class WatchTests(ServerFixture server) : ClientTestBase(server)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [ZooKeeperFact]
    public async Task Data_watch_fires_once_on_change()
    {
        var path = P("data");
        await Zk.CreateAsync(path, [], Open);
        var watcher = new EventRecorder();
        await Zk.GetDataAsync(path, watcher);

        await Zk.SetDataAsync(path, [1]);
        await Zk.SetDataAsync(path, [2]);
        var events = await watcher.WaitForNodeEventsAsync(1);
        await Task.Delay(Quiet);

        var single = Assert.Single(watcher.NodeEvents);
        Assert.Equal(EventType.NodeDataChanged, single.Type);
        Assert.Equal(KeeperState.SyncConnected, single.State);
        Assert.Equal(path, single.Path);
        Assert.Same(events[0], single);
    }

    [ZooKeeperFact]
    public async Task Exists_watch_on_a_missing_node_fires_on_creation_and_data_watch_on_deletion()
    {
        var path = P("later");
        var watcher = new EventRecorder();
        Assert.Null(await Zk.ExistsAsync(path, watcher));

        var other = await ConnectAsync();
        await other.CreateAsync(path, [], Open);
        Assert.Equal(EventType.NodeCreated, (await watcher.WaitForNodeEventsAsync(1))[0].Type);

        Assert.NotNull(await Zk.ExistsAsync(path, watcher));
        await other.DeleteAsync(path);
        var events = await watcher.WaitForNodeEventsAsync(2);
        Assert.Equal([EventType.NodeCreated, EventType.NodeDeleted], events.Select(e => e.Type));
    }

    [ZooKeeperFact]
    public async Task Child_watch_fires_on_child_creation_not_on_data_change()
    {
        var parent = P("parent");
        await Zk.CreateAsync(parent, [], Open);
        var watcher = new EventRecorder();
        await Zk.GetChildrenAsync(parent, watcher);

        await Zk.SetDataAsync(parent, [1]);
        await Zk.CreateAsync(parent + "/kid", [], Open);

        var events = await watcher.WaitForNodeEventsAsync(1);
        await Task.Delay(Quiet);
        var single = Assert.Single(watcher.NodeEvents);
        Assert.Equal(EventType.NodeChildrenChanged, single.Type);
        Assert.Equal(parent, single.Path);
        Assert.Same(events[0], single);
    }

    [ZooKeeperFact]
    public async Task Deletion_fires_data_and_child_watches_once_per_watcher()
    {
        var path = P("doomed");
        await Zk.CreateAsync(path, [], Open);
        var both = new EventRecorder();
        var dataOnly = new EventRecorder();
        var childOnly = new EventRecorder();
        await Zk.GetDataAsync(path, both);
        await Zk.GetChildrenAsync(path, both);
        await Zk.ExistsAsync(path, dataOnly);
        await Zk.GetChildrenWithStatAsync(path, childOnly);

        await Zk.DeleteAsync(path);

        foreach (var recorder in new[] { both, dataOnly, childOnly })
        {
            await recorder.WaitForNodeEventsAsync(1);
        }

        await Task.Delay(Quiet);
        foreach (var recorder in new[] { both, dataOnly, childOnly })
        {
            var single = Assert.Single(recorder.NodeEvents);
            Assert.Equal(EventType.NodeDeleted, single.Type);
        }
    }

    [ZooKeeperFact]
    public async Task Persistent_watch_reports_every_change_of_the_node_until_removed()
    {
        var path = P("persistent");
        var watcher = new EventRecorder();
        await Zk.AddWatchAsync(path, AddWatchMode.Persistent, watcher);

        await Zk.CreateAsync(path, [], Open);
        await Zk.SetDataAsync(path, [1]);
        await Zk.SetDataAsync(path, [2]);
        await Zk.CreateAsync(path + "/child", [], Open);
        await Zk.CreateAsync(path + "/child/grandchild", [], Open);
        await Zk.DeleteAsync(path + "/child/grandchild");
        await Zk.DeleteAsync(path + "/child");
        await Zk.DeleteAsync(path);
        await Zk.CreateAsync(path, [], Open);

        var events = await watcher.WaitForNodeEventsAsync(7);
        Assert.Equal(
            [
                EventType.NodeCreated, EventType.NodeDataChanged, EventType.NodeDataChanged, EventType.NodeChildrenChanged,
                EventType.NodeChildrenChanged, EventType.NodeDeleted, EventType.NodeCreated,
            ],
            events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(path, e.Path));

        await Zk.RemoveWatchesAsync(path, watcher, WatcherType.Any);
        var removed = await watcher.WaitForAsync(EventType.PersistentWatchRemoved);
        Assert.Equal(path, removed.Path);
        await Zk.SetDataAsync(path, [3]);
        await Task.Delay(Quiet);
        Assert.Equal(8, watcher.NodeEvents.Count);
        Assert.Equal(EventType.PersistentWatchRemoved, watcher.NodeEvents[^1].Type);
    }

    [ZooKeeperFact]
    public async Task Persistent_recursive_watch_reports_descendants_but_no_child_events()
    {
        var path = P("tree");
        await Zk.CreateAsync(path, [], Open);
        var watcher = new EventRecorder();
        await Zk.AddWatchAsync(path, AddWatchMode.PersistentRecursive, watcher);

        await Zk.CreateAsync(path + "/a", [], Open);
        await Zk.CreateAsync(path + "/a/b", [], Open);
        await Zk.SetDataAsync(path + "/a/b", [1]);
        await Zk.DeleteAsync(path + "/a/b");
        await Zk.SetDataAsync(path, [1]);
        await Zk.CreateAsync(P("outside"), [], Open);

        var events = await watcher.WaitForNodeEventsAsync(5);
        await Task.Delay(Quiet);
        Assert.Equal(
            [
                (EventType.NodeCreated, path + "/a"),
                (EventType.NodeCreated, path + "/a/b"),
                (EventType.NodeDataChanged, path + "/a/b"),
                (EventType.NodeDeleted, path + "/a/b"),
                (EventType.NodeDataChanged, path),
            ],
            watcher.NodeEvents.Select(e => (e.Type, e.Path!)));
        Assert.Equal(5, events.Count);
    }

    [ZooKeeperFact]
    public async Task Recursive_watch_filters_child_events_caused_by_a_child_watch_below_it()
    {
        var path = P("mixed");
        await Zk.CreateAsync(path, [], Open);
        await Zk.CreateAsync(path + "/sub", [], Open);
        var recursive = new EventRecorder();
        var childWatcher = new EventRecorder();
        await Zk.AddWatchAsync(path, AddWatchMode.PersistentRecursive, recursive);
        await Zk.GetChildrenAsync(path + "/sub", childWatcher);

        await Zk.CreateAsync(path + "/sub/x", [], Open);

        Assert.Equal(EventType.NodeChildrenChanged, (await childWatcher.WaitForNodeEventsAsync(1))[0].Type);
        var events = await recursive.WaitForNodeEventsAsync(1);
        await Task.Delay(Quiet);
        Assert.Equal([(EventType.NodeCreated, path + "/sub/x")], recursive.NodeEvents.Select(e => (e.Type, e.Path!)));
        Assert.Single(events);
    }

    [ZooKeeperFact]
    public async Task Events_arrive_in_change_order_with_the_zxid_of_the_change()
    {
        var path = P("ordered");
        await Zk.CreateAsync(path, [], Open);
        var watcher = new EventRecorder();
        await Zk.AddWatchAsync(path, AddWatchMode.PersistentRecursive, watcher);
        var other = await ConnectAsync();

        var zxids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            zxids.Add((await other.SetDataAsync(path, [(byte)i])).Mzxid);
        }

        var events = await watcher.WaitForNodeEventsAsync(20);
        Assert.All(events, e => Assert.Equal(EventType.NodeDataChanged, e.Type));

        // ZooKeeper 3.8 sends -1; newer servers (3.9, ActorZk) send the zxid of the change.
        if (events.Any(e => e.Zxid > 0))
        {
            Assert.Equal(zxids, events.Select(e => e.Zxid));
        }
    }

    [ZooKeeperFact]
    public async Task A_watch_event_is_delivered_before_the_reply_that_follows_it_completes()
    {
        var path = P("guarantee");
        await Zk.CreateAsync(path, [], Open);
        var watcherDone = 0;
        var watcher = new EventRecorder
        {
            OnEvent = _ =>
            {
                // A slow watcher: the reply behind the event must still wait for it.
                Thread.Sleep(300);
                Volatile.Write(ref watcherDone, 1);
            },
        };
        await Zk.GetDataAsync(path, watcher);

        await Zk.SetDataAsync(path, [1]);

        Assert.Equal(1, Volatile.Read(ref watcherDone));
        Assert.Single(watcher.NodeEvents);
    }

    [ZooKeeperFact]
    public async Task Default_watcher_receives_state_changes_and_watch_true_events()
    {
        var defaults = new EventRecorder();
        var client = await ConnectAsync(o => o.DefaultWatcher = defaults);
        await defaults.WaitForAsync(EventType.None, KeeperState.SyncConnected);

        var path = P("default");
        await client.CreateAsync(path, [], Open);
        await client.GetDataAsync(path, watch: true);
        await client.SetDataAsync(path, [1]);
        var changed = await defaults.WaitForAsync(EventType.NodeDataChanged);
        Assert.Equal(path, changed.Path);

        var noDefault = await ConnectAsync();
        Assert.Throws<InvalidOperationException>(() => { _ = noDefault.GetDataAsync(path, watch: true); });
    }

    [ZooKeeperFact]
    public async Task Removing_a_watcher_notifies_it_and_stops_its_events()
    {
        var path = P("removable");
        await Zk.CreateAsync(path, [], Open);
        var removed = new EventRecorder();
        var kept = new EventRecorder();
        await Zk.GetDataAsync(path, removed);
        await Zk.GetDataAsync(path, kept);
        await Zk.GetChildrenAsync(path, removed);

        await Zk.CheckWatchesAsync(path, WatcherType.Data);
        await Zk.RemoveWatchesAsync(path, removed, WatcherType.Data);
        var removal = await removed.WaitForAsync(EventType.DataWatchRemoved);
        Assert.Equal(path, removal.Path);

        await Zk.SetDataAsync(path, [1]);
        await kept.WaitForAsync(EventType.NodeDataChanged);
        await Task.Delay(Quiet);
        Assert.DoesNotContain(removed.NodeEvents, e => e.Type == EventType.NodeDataChanged);

        // The child watch is still there; removing all child watches notifies it, then none is left.
        await Zk.RemoveAllWatchesAsync(path, WatcherType.Children);
        await removed.WaitForAsync(EventType.ChildWatchRemoved);
        var none = await Assert.ThrowsAsync<NoWatcherException>(() => Zk.RemoveAllWatchesAsync(path, WatcherType.Children));
        Assert.Equal(path, none.Path);
        await Assert.ThrowsAsync<NoWatcherException>(() => Zk.RemoveWatchesAsync(path, removed, WatcherType.Data));
        await Assert.ThrowsAsync<NoWatcherException>(() => Zk.CheckWatchesAsync(path, WatcherType.Children));
    }

    [ZooKeeperFact]
    public async Task One_watcher_on_one_path_in_two_ways_gets_one_event()
    {
        var path = P("twice");
        await Zk.CreateAsync(path, [], Open);
        var watcher = new EventRecorder();
        await Zk.GetDataAsync(path, watcher);
        await Zk.ExistsAsync(path, watcher);
        await Zk.GetDataAsync(path, watcher);

        await Zk.SetDataAsync(path, [1]);
        await watcher.WaitForNodeEventsAsync(1);
        await Task.Delay(Quiet);
        Assert.Single(watcher.NodeEvents);
    }

    [ZooKeeperFact]
    public async Task No_watch_is_left_by_a_failed_get_data()
    {
        var path = P("absent");
        var watcher = new EventRecorder();
        await Assert.ThrowsAsync<NoNodeException>(() => Zk.GetDataAsync(path, watcher));
        await Zk.CreateAsync(path, [], Open);
        await Task.Delay(Quiet);
        Assert.Empty(watcher.NodeEvents);
        await Assert.ThrowsAsync<NoWatcherException>(() => Zk.RemoveWatchesAsync(path, watcher, WatcherType.Any));
    }

    [ZooKeeperFact]
    public async Task Watchers_receive_disconnected_and_reconnected_states()
    {
        var path = P("state");
        await Zk.CreateAsync(path, [], Open);
        var watcher = new EventRecorder();
        await Zk.GetDataAsync(path, watcher);

        Zk.DropConnectionForTesting();
        await watcher.WaitForAsync(EventType.None, KeeperState.Disconnected);
        await watcher.WaitForAsync(EventType.None, KeeperState.SyncConnected);

        // The data watch survived the reconnection.
        await Zk.SetDataAsync(path, [1]);
        Assert.Equal(path, (await watcher.WaitForAsync(EventType.NodeDataChanged)).Path);
    }
}
