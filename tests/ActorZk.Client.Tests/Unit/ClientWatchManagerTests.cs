using ActorZk.Client.Exceptions;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Client.Watches;
using ActorZk.Protocol;

namespace ActorZk.Client.Tests.Unit;

public sealed class ClientWatchManagerTests
{
    private readonly ClientWatchManager manager = new(defaultWatcher: null, disableAutoWatchReset: false);
    private readonly EventRecorder a = new();
    private readonly EventRecorder b = new();

    [Fact]
    public void Exists_on_a_missing_node_leaves_an_exist_watch_that_fires_on_creation()
    {
        manager.Register(new WatchRegistration(WatchKind.Exists, "/x", a), ErrorCode.NoNode);
        Assert.Equal(["/x"], manager.Snapshot().Exist);
        Assert.Empty(manager.Snapshot().Data);

        Assert.Equal([a], manager.Materialize(EventType.NodeCreated, "/x"));
        Assert.True(manager.Snapshot().IsEmpty);
    }

    [Fact]
    public void Exists_on_an_existing_node_leaves_a_data_watch()
    {
        manager.Register(new WatchRegistration(WatchKind.Exists, "/x", a), ErrorCode.Ok);
        Assert.Equal(["/x"], manager.Snapshot().Data);
        Assert.Equal([a], manager.Materialize(EventType.NodeDataChanged, "/x"));
    }

    [Theory]
    [InlineData((int)WatchKind.Data, ErrorCode.NoNode)]
    [InlineData((int)WatchKind.Child, ErrorCode.NoNode)]
    [InlineData((int)WatchKind.Data, ErrorCode.ConnectionLoss)]
    [InlineData((int)WatchKind.Exists, ErrorCode.NoAuth)]
    [InlineData((int)WatchKind.Persistent, ErrorCode.ConnectionLoss)]
    public void Failed_requests_leave_no_watch(int kind, ErrorCode err)
    {
        // WatchKind is internal, so the theory takes its value.
        manager.Register(new WatchRegistration((WatchKind)kind, "/x", a), err);
        Assert.True(manager.Snapshot().IsEmpty);
    }

    [Theory]
    [InlineData((int)WatchKind.Persistent)]
    [InlineData((int)WatchKind.PersistentRecursive)]
    public void Persistent_watches_do_not_need_the_node(int kind)
    {
        manager.Register(new WatchRegistration((WatchKind)kind, "/x", a), ErrorCode.NoNode);
        Assert.False(manager.Snapshot().IsEmpty);
    }

    [Fact]
    public void One_shot_watches_fire_once()
    {
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Child, "/x", b), ErrorCode.Ok);

        Assert.Equal([a], manager.Materialize(EventType.NodeDataChanged, "/x"));
        Assert.Empty(manager.Materialize(EventType.NodeDataChanged, "/x"));
        Assert.Equal([b], manager.Materialize(EventType.NodeChildrenChanged, "/x"));
        Assert.Empty(manager.Materialize(EventType.NodeChildrenChanged, "/x"));
    }

    [Fact]
    public void Data_watches_ignore_child_events_and_child_watches_ignore_data_events()
    {
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Child, "/x", b), ErrorCode.Ok);

        Assert.Equal([b], manager.Materialize(EventType.NodeChildrenChanged, "/x"));
        Assert.Equal([a], manager.Materialize(EventType.NodeDataChanged, "/x"));
    }

    [Fact]
    public void Deletion_fires_data_and_child_watches_and_each_watcher_once()
    {
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Child, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Child, "/x", b), ErrorCode.Ok);

        Assert.Equal([a, b], manager.Materialize(EventType.NodeDeleted, "/x"));
        Assert.True(manager.Snapshot().IsEmpty);
    }

    [Fact]
    public void Watches_are_per_path()
    {
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        Assert.Empty(manager.Materialize(EventType.NodeDataChanged, "/y"));
        Assert.Empty(manager.Materialize(EventType.NodeDataChanged, "/x/child"));
        Assert.Equal([a], manager.Materialize(EventType.NodeDataChanged, "/x"));
    }

    [Fact]
    public void Persistent_watch_stays_and_sees_data_child_and_existence_events()
    {
        manager.Register(new WatchRegistration(WatchKind.Persistent, "/x", a), ErrorCode.Ok);
        foreach (var type in new[] { EventType.NodeCreated, EventType.NodeDataChanged, EventType.NodeChildrenChanged, EventType.NodeDeleted })
        {
            Assert.Equal([a], manager.Materialize(type, "/x"));
        }

        Assert.Empty(manager.Materialize(EventType.NodeDataChanged, "/x/child"));
        Assert.Equal(["/x"], manager.Snapshot().Persistent);
    }

    [Fact]
    public void Recursive_watch_sees_the_node_and_descendants_but_no_child_events()
    {
        manager.Register(new WatchRegistration(WatchKind.PersistentRecursive, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.PersistentRecursive, "/", b), ErrorCode.Ok);

        Assert.Equal([a, b], manager.Materialize(EventType.NodeCreated, "/x/y/z"));
        Assert.Equal([a, b], manager.Materialize(EventType.NodeDataChanged, "/x"));
        Assert.Equal([b], manager.Materialize(EventType.NodeDeleted, "/xy"));
        Assert.Empty(manager.Materialize(EventType.NodeChildrenChanged, "/x"));
        Assert.Equal(["/x", "/"], manager.Snapshot().PersistentRecursive);
    }

    [Fact]
    public void A_watcher_registered_several_ways_is_notified_once()
    {
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Persistent, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.PersistentRecursive, "/", a), ErrorCode.Ok);

        Assert.Equal([a], manager.Materialize(EventType.NodeDataChanged, "/x"));
    }

    [Fact]
    public void State_changes_reach_the_default_watcher_and_every_registered_watcher()
    {
        var defaults = new EventRecorder();
        var withDefault = new ClientWatchManager(defaults, disableAutoWatchReset: false);
        withDefault.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        withDefault.Register(new WatchRegistration(WatchKind.PersistentRecursive, "/y", b), ErrorCode.Ok);
        withDefault.Register(new WatchRegistration(WatchKind.Child, "/z", a), ErrorCode.Ok);

        Assert.Equal([defaults, a, b], withDefault.MaterializeStateChange(KeeperState.Disconnected));

        // Watches survive a state change, to be re-set on the next connection.
        Assert.False(withDefault.Snapshot().IsEmpty);
    }

    [Fact]
    public void Disabled_auto_watch_reset_drops_one_shot_watches_on_disconnection()
    {
        var manual = new ClientWatchManager(null, disableAutoWatchReset: true);
        manual.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        manual.Register(new WatchRegistration(WatchKind.Persistent, "/y", b), ErrorCode.Ok);

        Assert.Equal([a, b], manual.MaterializeStateChange(KeeperState.SyncConnected));
        Assert.Equal([a, b], manual.MaterializeStateChange(KeeperState.Disconnected));
        Assert.Equal([b], manual.MaterializeStateChange(KeeperState.SyncConnected));
    }

    [Fact]
    public void Removing_one_watcher_keeps_the_others()
    {
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", b), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.Child, "/x", a), ErrorCode.Ok);

        var (child, data, persistent) = manager.Remove(new WatchRemoval("/x", a, WatcherType.Data, Local: false), ErrorCode.Ok, "/x");
        Assert.Empty(child);
        Assert.Equal([a], data);
        Assert.Empty(persistent);
        Assert.Equal([b], manager.Materialize(EventType.NodeDataChanged, "/x"));
        Assert.True(manager.Contains("/x", a, WatcherType.Children));
    }

    [Fact]
    public void Removing_any_covers_every_table()
    {
        manager.Register(new WatchRegistration(WatchKind.Exists, "/x", a), ErrorCode.NoNode);
        manager.Register(new WatchRegistration(WatchKind.Child, "/x", b), ErrorCode.Ok);
        manager.Register(new WatchRegistration(WatchKind.PersistentRecursive, "/x", a), ErrorCode.Ok);

        var (child, data, persistent) = manager.Remove(new WatchRemoval("/x", null, WatcherType.Any, Local: false), ErrorCode.Ok, "/x");
        Assert.Equal([b], child);
        Assert.Equal([a], data);
        Assert.Equal([a], persistent);
        Assert.True(manager.Snapshot().IsEmpty);
    }

    [Fact]
    public void Removal_fails_with_no_watcher_when_nothing_matches()
    {
        manager.Register(new WatchRegistration(WatchKind.Child, "/x", a), ErrorCode.Ok);

        var error = Assert.Throws<NoWatcherException>(() => manager.Remove(new WatchRemoval("/x", a, WatcherType.Data, false), ErrorCode.Ok, "/client/x"));
        Assert.Equal("/client/x", error.Path);
        Assert.Throws<NoWatcherException>(() => manager.Remove(new WatchRemoval("/x", b, WatcherType.Children, false), ErrorCode.Ok, "/x"));
        Assert.Throws<NoWatcherException>(() => manager.Remove(new WatchRemoval("/y", null, WatcherType.Any, false), ErrorCode.Ok, "/y"));
    }

    [Fact]
    public void Server_failure_keeps_the_watch_unless_the_removal_is_local()
    {
        manager.Register(new WatchRegistration(WatchKind.Data, "/x", a), ErrorCode.Ok);

        Assert.Throws<ConnectionLossException>(() => manager.Remove(new WatchRemoval("/x", a, WatcherType.Data, false), ErrorCode.ConnectionLoss, "/x"));
        Assert.True(manager.Contains("/x", a, WatcherType.Data));

        var (_, data, _) = manager.Remove(new WatchRemoval("/x", a, WatcherType.Data, Local: true), ErrorCode.ConnectionLoss, "/x");
        Assert.Equal([a], data);
        Assert.False(manager.Contains("/x", null, WatcherType.Any));
    }

    [Theory]
    [InlineData("/a", "/")]
    [InlineData("/a/b", "/a")]
    [InlineData("/a/b/c", "/a/b")]
    public void Parent_of_a_path(string path, string parent) => Assert.Equal(parent, ClientWatchManager.Parent(path));
}
