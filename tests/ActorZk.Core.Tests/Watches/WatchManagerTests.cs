using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Watches;

using Acl = ActorZk.Protocol.Records.Acl;

public class WatchManagerTests
{
    [Fact]
    public void Standard_watch_fires_once()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        Assert.True(manager.AddWatch("/a", w));
        Assert.False(manager.AddWatch("/a", w));
        manager.Trigger("/a", EventType.NodeDataChanged, 5, null);
        manager.Trigger("/a", EventType.NodeDataChanged, 6, null);
        var e = Assert.Single(w.Events);
        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/a", 5), e);
        Assert.Equal(0, manager.Size);
    }

    [Fact]
    public void Persistent_watch_stays()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        manager.Trigger("/a", EventType.NodeDataChanged, 5, null);
        manager.Trigger("/a", EventType.NodeDeleted, 6, null);
        Assert.Equal(2, w.Events.Count);
        Assert.Equal(1, manager.Size);
    }

    [Fact]
    public void Standard_and_persistent_on_same_path_fire_once_and_keep_persistent()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        manager.AddWatch("/a", w);
        manager.Trigger("/a", EventType.NodeDataChanged, 5, null);
        Assert.Single(w.Events);
        Assert.True(manager.ContainsWatcher("/a", w, WatcherMode.Persistent));
        Assert.False(manager.ContainsWatcher("/a", w, WatcherMode.Standard));
    }

    [Fact]
    public void Recursive_watch_sees_descendants_once_even_with_several_matches()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        var other = new RecordingWatcher(2);
        manager.AddWatch("/", w, WatcherMode.PersistentRecursive);
        manager.AddWatch("/a", w, WatcherMode.PersistentRecursive);
        manager.AddWatch("/a/b/c", w);
        manager.AddWatch("/a", other, WatcherMode.Persistent);
        var triggered = manager.Trigger("/a/b/c", EventType.NodeCreated, 9, null);
        Assert.Single(w.Events);
        Assert.Empty(other.Events);
        Assert.NotNull(triggered);
        Assert.Single(triggered);
        Assert.Equal(2, manager.RecursiveWatchCount);
    }

    [Fact]
    public void Persistent_non_recursive_watch_does_not_see_descendants()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        manager.Trigger("/a/b", EventType.NodeCreated, 1, null);
        Assert.Empty(w.Events);
    }

    [Fact]
    public void Suppressed_watchers_are_consumed_but_not_notified()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w);
        Assert.NotNull(manager.Trigger("/a", EventType.NodeDeleted, 1, null, [w]));
        Assert.Empty(w.Events);
        Assert.False(manager.ContainsWatcher("/a", w, null));
    }

    [Fact]
    public void Events_are_filtered_by_read_permission_but_watch_is_consumed()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        IReadOnlyList<Acl> adminOnly = [new(Perms.Admin, Id.AnyoneIdUnsafe)];
        manager.AddWatch("/a", w);
        manager.Trigger("/a", EventType.NodeDataChanged, 1, adminOnly);
        Assert.Empty(w.Events);
        Assert.Equal(0, manager.Size);

        manager.AddWatch("/a", w);
        manager.SkipAcl = true;
        manager.Trigger("/a", EventType.NodeDataChanged, 2, adminOnly);
        Assert.Single(w.Events);
    }

    [Fact]
    public void Remove_by_mode()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w);
        manager.AddWatch("/a", w, WatcherMode.PersistentRecursive);
        Assert.False(manager.RemoveWatcher("/a", w, WatcherMode.Persistent));
        Assert.True(manager.RemoveWatcher("/a", w, WatcherMode.PersistentRecursive));
        Assert.Equal(0, manager.RecursiveWatchCount);
        Assert.True(manager.ContainsWatcher("/a", w, WatcherMode.Standard));
        Assert.True(manager.RemoveWatcher("/a", w, null));
        Assert.False(manager.RemoveWatcher("/a", w, null));
        Assert.Equal(new WatchesSummary(0, 0, 0), manager.GetSummary());
    }

    [Fact]
    public void Disconnect_removes_everything()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w);
        manager.AddWatch("/b", w, WatcherMode.PersistentRecursive);
        manager.RemoveWatcher(w);
        Assert.Equal(0, manager.Size);
        Assert.Equal(0, manager.RecursiveWatchCount);
        Assert.Equal(new WatchesSummary(0, 0, 0), manager.GetSummary());
    }

    [Fact]
    public void Stale_watchers_are_ignored()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher { IsStale = true };
        Assert.False(manager.AddWatch("/a", w));
        Assert.Equal(0, manager.Size);
    }

    [Fact]
    public void Summary_keeps_watcher_counted_after_its_last_watch_fired()
    {
        // ZooKeeper's wchs keeps counting a connection whose one-shot watches all fired.
        var manager = new WatchManager();
        var w1 = new RecordingWatcher(1);
        var w2 = new RecordingWatcher(2);
        manager.AddWatch("/a", w1);
        manager.AddWatch("/a", w2);
        manager.AddWatch("/b", w2);
        Assert.Equal(new WatchesSummary(2, 2, 3), manager.GetSummary());
        manager.Trigger("/a", EventType.NodeDataChanged, 1, null);
        Assert.Equal(new WatchesSummary(2, 1, 1), manager.GetSummary());
        Assert.Equal(["/b"], manager.GetWatchesBySession()[2]);
        Assert.Equal([2L], manager.GetWatchesByPath()["/b"]);
    }
}
