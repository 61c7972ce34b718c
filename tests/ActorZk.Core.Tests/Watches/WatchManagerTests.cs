using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Watches;

using Acl = ActorZk.Protocol.Records.Acl;

// Each rule below is ZooKeeper 3.8.0's server/watch/WatchManager.java with its WatcherModeManager.java and
// PathParentIterator.java (release-3.8.0-1).
public class WatchManagerTests
{
    [Fact]
    public void Standard_watch_fires_once_with_no_zxid()
    {
        // WatchManager.triggerWatch removes a non-persistent watcher; 3.8.0's WatchedEvent has no zxid and
        // NIOServerCnxn.process sends -1 in the notification header.
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        Assert.True(manager.AddWatch("/a", w));
        Assert.False(manager.AddWatch("/a", w));
        manager.Trigger("/a", EventType.NodeDataChanged);
        manager.Trigger("/a", EventType.NodeDataChanged);
        var e = Assert.Single(w.Events);
        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/a"), e);
        Assert.Equal(-1, e.Zxid);
        Assert.Equal(0, manager.Size);
    }

    [Fact]
    public void Persistent_watch_stays()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        manager.Trigger("/a", EventType.NodeDataChanged);
        manager.Trigger("/a", EventType.NodeDeleted);
        Assert.Equal(2, w.Events.Count);
        Assert.Equal(1, manager.Size);
    }

    [Fact]
    public void A_one_shot_watch_replaces_a_persistent_watch_of_the_same_connection()
    {
        // WatcherModeManager.setWatcherMode: one mode per (watcher, path); STANDARD removes the entry. So a
        // getData watch on a path with a persistent watch makes it one-shot (fixed after 3.8 by ZOOKEEPER-4466).
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        Assert.False(manager.AddWatch("/a", w));
        Assert.Equal(WatcherMode.Standard, manager.GetMode(w, "/a"));
        manager.Trigger("/a", EventType.NodeDataChanged);
        manager.Trigger("/a", EventType.NodeDataChanged);
        Assert.Single(w.Events);
        Assert.Equal(0, manager.Size);
    }

    [Fact]
    public void A_persistent_watch_replaces_a_one_shot_watch()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w);
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        manager.Trigger("/a", EventType.NodeDataChanged);
        manager.Trigger("/a", EventType.NodeDataChanged);
        Assert.Equal(2, w.Events.Count);
        Assert.Equal(WatcherMode.Persistent, manager.GetMode(w, "/a"));
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
        var triggered = manager.Trigger("/a/b/c", EventType.NodeCreated);
        Assert.Single(w.Events);
        Assert.Empty(other.Events);
        Assert.NotNull(triggered);
        Assert.Single(triggered);
        Assert.Equal(2, manager.RecursiveWatchCount);

        // The one-shot watch on /a/b/c was consumed, the recursive ones stay.
        Assert.False(manager.ContainsWatcher("/a/b/c", other));
        manager.Trigger("/a/b/c", EventType.NodeDataChanged);
        Assert.Equal(2, w.Events.Count);
    }

    [Fact]
    public void Recursive_watch_never_fires_node_children_changed_not_even_on_its_own_path()
    {
        // triggerWatch: "if (watcherMode.isRecursive()) { if (type != EventType.NodeChildrenChanged) ... }"
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.PersistentRecursive);
        Assert.Null(manager.Trigger("/a", EventType.NodeChildrenChanged));
        Assert.Null(manager.Trigger("/a/b", EventType.NodeChildrenChanged));
        manager.Trigger("/a", EventType.NodeDataChanged);
        Assert.Equal([(EventType.NodeDataChanged, "/a")], w.Summary());
    }

    [Fact]
    public void Replacing_modes_keeps_the_recursive_count()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.PersistentRecursive);
        manager.AddWatch("/a", w, WatcherMode.PersistentRecursive);
        Assert.Equal(1, manager.RecursiveWatchCount);
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        Assert.Equal(0, manager.RecursiveWatchCount);
        manager.AddWatch("/a", w, WatcherMode.PersistentRecursive);
        manager.AddWatch("/a", w);
        Assert.Equal(0, manager.RecursiveWatchCount);
        Assert.Equal(1, manager.Size);
    }

    [Fact]
    public void Persistent_non_recursive_watch_does_not_see_descendants()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w, WatcherMode.Persistent);
        manager.Trigger("/a/b", EventType.NodeCreated);
        Assert.Empty(w.Events);
    }

    [Fact]
    public void A_node_acl_lets_only_watchers_that_may_read_hear_of_it()
    {
        // The CVE-2024-23944 fix the Debian 3.8.0 packages carry: NIOServerCnxn.process(event, znodeAcl) runs
        // checkACL(READ) with the connection's identities and drops the event on NoAuth. The watches are
        // removed (or kept, when persistent) as without the check.
        var alice = new Id("digest", "alice:hash");
        var acl = new[] { new Acl(Perms.Read, alice) };
        var manager = new WatchManager();
        var stranger = new RecordingWatcher(1);
        var reader = new RecordingWatcher(2, [new Id("ip", "127.0.0.1"), alice]);
        var super = new RecordingWatcher(3, [new Id("super", "admin")]);
        var persistent = new RecordingWatcher(4);
        manager.AddWatch("/a", stranger);
        manager.AddWatch("/a", reader);
        manager.AddWatch("/a", super);
        manager.AddWatch("/a", persistent, WatcherMode.Persistent);

        Assert.Equal(4, manager.Trigger("/a", EventType.NodeDataChanged, nodeAcl: acl)!.Count);

        Assert.Empty(stranger.Events);
        Assert.Single(reader.Events);
        Assert.Single(super.Events);
        Assert.Empty(persistent.Events);
        Assert.Equal(1, manager.Size);

        // Without an ACL (setWatches' own events, skipACL) everyone hears; so does everyone under an empty ACL.
        manager.Trigger("/a", EventType.NodeDataChanged);
        manager.Trigger("/a", EventType.NodeDataChanged, nodeAcl: []);
        Assert.Equal(2, persistent.Events.Count);
    }

    [Fact]
    public void Suppressed_watchers_are_consumed_but_not_notified()
    {
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        manager.AddWatch("/a", w);
        Assert.NotNull(manager.Trigger("/a", EventType.NodeDeleted, [w]));
        Assert.Empty(w.Events);
        Assert.Equal(0, manager.Size);
    }

    [Fact]
    public void Contains_watcher_is_true_when_any_connection_watches_the_path()
    {
        // WatchManager.containsWatcher: "at the leaf node, all watcher types match" checks watchTable.get(path),
        // i.e. whether anybody watches the path; the watcher itself only matters through a recursive mode.
        var manager = new WatchManager();
        var owner = new RecordingWatcher(1);
        var stranger = new RecordingWatcher(2);
        Assert.False(manager.ContainsWatcher("/a", stranger));
        manager.AddWatch("/a", owner);
        Assert.True(manager.ContainsWatcher("/a", stranger));
        Assert.True(manager.ContainsWatcher("/a", owner));

        // A recursive watch on an ancestor does not make a descendant path "watched".
        manager.AddWatch("/r", owner, WatcherMode.PersistentRecursive);
        Assert.False(manager.ContainsWatcher("/r/x", owner));
    }

    [Fact]
    public void Contains_watcher_walks_the_path_like_path_parent_iterator()
    {
        // PathParentIterator.next cuts the parent off with substring(0, lastIndexOf('/')), which throws for a
        // path without '/'; ZooKeeper answers checkWatches with MarshallingError then. An empty path ends the
        // walk at once.
        var manager = new WatchManager();
        var w = new RecordingWatcher();
        Assert.Throws<ArgumentException>(() => manager.ContainsWatcher("abc", w));
        Assert.False(manager.ContainsWatcher(string.Empty, w));
        Assert.False(manager.ContainsWatcher("abc/def", w));

        // With a recursive watch present the walk goes on to "abc", whose parent cannot be cut off.
        manager.AddWatch("/r", w, WatcherMode.PersistentRecursive);
        Assert.Throws<ArgumentException>(() => manager.ContainsWatcher("abc/def", w));
        Assert.False(manager.ContainsWatcher("/x/y", w));
    }

    [Fact]
    public void Remove_watcher_removes_any_mode_of_that_watcher_only()
    {
        // WatchManager.removeWatcher(path, watcher) ignores the mode.
        var manager = new WatchManager();
        var w = new RecordingWatcher(1);
        var other = new RecordingWatcher(2);
        manager.AddWatch("/a", w, WatcherMode.PersistentRecursive);
        Assert.False(manager.RemoveWatcher("/a", other));
        Assert.True(manager.RemoveWatcher("/a", w));
        Assert.False(manager.RemoveWatcher("/a", w));
        Assert.Equal(0, manager.RecursiveWatchCount);
        Assert.Equal(WatcherMode.Standard, manager.GetMode(w, "/a"));

        // The watcher keeps its (now empty) entry, as in ZooKeeper.
        Assert.Equal(new WatchesSummary(1, 0, 0), manager.GetSummary());
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
        manager.Trigger("/a", EventType.NodeDataChanged);
        Assert.Equal(new WatchesSummary(2, 1, 1), manager.GetSummary());
        Assert.Equal(["/b"], manager.GetWatchesBySession()[2]);
        Assert.Empty(manager.GetWatchesBySession()[1]);
        Assert.Equal([2L], manager.GetWatchesByPath()["/b"]);
    }
}
