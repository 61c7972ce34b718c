using ActorZk.Core.Acl;
using ActorZk.Protocol;

namespace ActorZk.Core.Watches;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// One table of watches (ZooKeeper's default <c>WatchManager</c>); a <c>DataTree</c> keeps one for
/// data/exist watches and one for child watches. Not thread-safe: the peer actor owns it.
/// </summary>
/// <remarks>
/// A (watcher, path) pair holds a set of modes. Triggering a path fires every watcher registered on that
/// exact path (dropping their one-shot mode) and, when recursive watches exist, every watcher holding a
/// recursive watch on an ancestor. A watcher is notified at most once per trigger however many of its
/// watches match, and a trigger can be told to skip watchers an earlier trigger of the same change already
/// notified (a delete fires data watches, then child watches of the node without repeating NodeDeleted).
/// </remarks>
public sealed class WatchManager
{
    private readonly Dictionary<string, HashSet<IWatcher>> watchTable = new(StringComparer.Ordinal);
    private readonly Dictionary<IWatcher, Dictionary<string, WatchStats>> watch2Paths = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, HashSet<IWatcher>>.AlternateLookup<ReadOnlySpan<char>> watchTableBySpan;
    private readonly List<IWatcher> removals = [];
    private readonly HashSet<IWatcher> seen = new(ReferenceEqualityComparer.Instance);
    private int recursiveWatchQty;

    /// <summary>Creates an empty manager.</summary>
    public WatchManager()
    {
        watchTableBySpan = watchTable.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [Flags]
    private enum WatchStats
    {
        None = 0,
        Standard = WatcherMode.Standard,
        Persistent = WatcherMode.Persistent,
        PersistentRecursive = WatcherMode.PersistentRecursive,
    }

    /// <summary>When true, events are delivered without the READ check (ZooKeeper's <c>skipACL</c>).</summary>
    public bool SkipAcl { get; set; }

    /// <summary>Number of (path, watcher) registrations, ZooKeeper's <c>size()</c> (part of <c>zk_watch_count</c>).</summary>
    public int Size
    {
        get
        {
            var total = 0;
            foreach (var set in watchTable.Values)
            {
                total += set.Count;
            }

            return total;
        }
    }

    /// <summary>Number of persistent-recursive registrations.</summary>
    public int RecursiveWatchCount => recursiveWatchQty;

    /// <summary>
    /// Registers <paramref name="watcher"/> on <paramref name="path"/> in <paramref name="mode"/>.
    /// Returns true if the mode was new for that pair; a stale watcher is ignored.
    /// </summary>
    public bool AddWatch(string path, IWatcher watcher, WatcherMode mode = WatcherMode.Standard)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        if (watcher.IsStale)
        {
            return false;
        }

        if (!watchTable.TryGetValue(path, out var watchers))
        {
            watchers = new HashSet<IWatcher>(4, ReferenceEqualityComparer.Instance);
            watchTable[path] = watchers;
        }

        watchers.Add(watcher);
        if (!watch2Paths.TryGetValue(watcher, out var paths))
        {
            paths = new Dictionary<string, WatchStats>(StringComparer.Ordinal);
            watch2Paths[watcher] = paths;
        }

        var stats = paths.GetValueOrDefault(path);
        var newStats = stats | (WatchStats)mode;
        if (newStats == stats)
        {
            return false;
        }

        paths[path] = newStats;
        if (mode == WatcherMode.PersistentRecursive)
        {
            recursiveWatchQty++;
        }

        return true;
    }

    /// <summary>Forgets every watch of <paramref name="watcher"/> (its connection closed).</summary>
    public void RemoveWatcher(IWatcher watcher)
    {
        if (!watch2Paths.Remove(watcher, out var paths))
        {
            return;
        }

        foreach (var (path, stats) in paths)
        {
            if (watchTable.TryGetValue(path, out var watchers))
            {
                watchers.Remove(watcher);
                if (watchers.Count == 0)
                {
                    watchTable.Remove(path);
                }
            }

            if ((stats & WatchStats.PersistentRecursive) != 0)
            {
                recursiveWatchQty--;
            }
        }
    }

    /// <summary>
    /// Fires the watches that <paramref name="type"/> on <paramref name="path"/> triggers and returns the
    /// watchers that were triggered (including those filtered out by the ACL), or <see langword="null"/> if none.
    /// </summary>
    /// <param name="path">The changed node.</param>
    /// <param name="type">The event.</param>
    /// <param name="zxid">The causing txn's zxid.</param>
    /// <param name="acl">The ACL a watcher must be able to READ to receive the event; null means no check.</param>
    /// <param name="suppress">Watchers to skip because an earlier trigger of the same change notified them.</param>
    public IReadOnlyList<IWatcher>? Trigger(
        string path, EventType type, long zxid, IReadOnlyList<Acl>? acl, IReadOnlyList<IWatcher>? suppress = null)
    {
        List<IWatcher>? triggered = null;
        CollectAt(path, atParent: false, ref triggered);
        if (recursiveWatchQty > 0)
        {
            // Watchers of the node itself are distinct; an ancestor's recursive watcher may repeat one of them.
            if (triggered is not null)
            {
                seen.UnionWith(triggered);
            }

            // Walk the ancestors without allocating their path strings.
            var span = path.AsSpan();
            while (span.Length > 1)
            {
                var slash = span.LastIndexOf('/');
                span = slash == 0 ? "/" : span[..slash];
                if (watchTableBySpan.TryGetValue(span, out var key, out _))
                {
                    CollectAt(key, atParent: true, ref triggered);
                }
            }

            seen.Clear();
        }

        if (triggered is null)
        {
            return null;
        }

        var watchedEvent = new WatchedEvent(type, KeeperState.SyncConnected, path, zxid);
        HashSet<IWatcher>? suppressSet = suppress is { Count: > 8 } ? new(suppress, ReferenceEqualityComparer.Instance) : null;
        foreach (var watcher in triggered)
        {
            if (suppress is not null && (suppressSet?.Contains(watcher) ?? Contains(suppress, watcher)))
            {
                continue;
            }

            if (acl is null || SkipAcl || AclEvaluator.Check(acl, Perms.Read, watcher.AuthInfo))
            {
                watcher.Process(watchedEvent);
            }
        }

        return triggered;
    }

    /// <summary>
    /// True if <paramref name="watcher"/> has a watch on <paramref name="path"/>, in <paramref name="mode"/>
    /// when given, in any mode otherwise.
    /// </summary>
    public bool ContainsWatcher(string path, IWatcher watcher, WatcherMode? mode)
    {
        if (!watch2Paths.TryGetValue(watcher, out var paths) || !paths.TryGetValue(path, out var stats))
        {
            return false;
        }

        return mode is null || (stats & (WatchStats)mode.Value) != 0;
    }

    /// <summary>
    /// Removes the watch of <paramref name="watcher"/> on <paramref name="path"/>: only <paramref name="mode"/>
    /// when given, every mode otherwise. Returns true if something was removed.
    /// </summary>
    public bool RemoveWatcher(string path, IWatcher watcher, WatcherMode? mode)
    {
        if (!watch2Paths.TryGetValue(watcher, out var paths) || !watchTable.TryGetValue(path, out var watchers))
        {
            return false;
        }

        var oldStats = paths.GetValueOrDefault(path);
        WatchStats newStats;
        if (mode is not null)
        {
            newStats = oldStats & ~(WatchStats)mode.Value;
            if (newStats != WatchStats.None)
            {
                paths[path] = newStats;
            }
            else if (oldStats != WatchStats.None)
            {
                Unwatch(path, watcher, paths, watchers);
            }
        }
        else
        {
            Unwatch(path, watcher, paths, watchers);
            newStats = WatchStats.None;
        }

        if ((oldStats & WatchStats.PersistentRecursive) != 0 && (newStats & WatchStats.PersistentRecursive) == 0)
        {
            recursiveWatchQty--;
        }

        return oldStats != newStats;
    }

    /// <summary>The counts of the <c>wchs</c> report.</summary>
    public WatchesSummary GetSummary()
    {
        var total = 0;
        foreach (var paths in watch2Paths.Values)
        {
            total += paths.Count;
        }

        return new WatchesSummary(watch2Paths.Count, watchTable.Count, total);
    }

    /// <summary>Session id to watched paths (the <c>wchc</c> report).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> GetWatchesBySession()
    {
        var result = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var (watcher, paths) in watch2Paths)
        {
            var list = result.TryGetValue(watcher.SessionId, out var existing) ? (List<string>)existing : [];
            list.AddRange(paths.Keys);
            result[watcher.SessionId] = list;
        }

        return result;
    }

    /// <summary>Path to watching session ids (the <c>wchp</c> report).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> GetWatchesByPath()
    {
        var result = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        foreach (var (path, watchers) in watchTable)
        {
            var ids = new List<long>(watchers.Count);
            foreach (var watcher in watchers)
            {
                ids.Add(watcher.SessionId);
            }

            result[path] = ids;
        }

        return result;
    }

    private static bool Contains(IReadOnlyList<IWatcher> list, IWatcher watcher)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], watcher))
            {
                return true;
            }
        }

        return false;
    }

    private void CollectAt(string localPath, bool atParent, ref List<IWatcher>? triggered)
    {
        if (!watchTable.TryGetValue(localPath, out var watchers) || watchers.Count == 0)
        {
            return;
        }

        foreach (var watcher in watchers)
        {
            if (!watch2Paths.TryGetValue(watcher, out var paths) || !paths.TryGetValue(localPath, out var stats))
            {
                continue;
            }

            if (!atParent)
            {
                (triggered ??= new List<IWatcher>(4)).Add(watcher);
                var newStats = stats & ~WatchStats.Standard;
                if (newStats == WatchStats.None)
                {
                    // ZooKeeper leaves the watcher's (now possibly empty) path map in place until it disconnects.
                    removals.Add(watcher);
                    paths.Remove(localPath);
                }
                else if (newStats != stats)
                {
                    paths[localPath] = newStats;
                }
            }
            else if ((stats & WatchStats.PersistentRecursive) != 0 && seen.Add(watcher))
            {
                (triggered ??= new List<IWatcher>(4)).Add(watcher);
            }
        }

        if (removals.Count > 0)
        {
            foreach (var watcher in removals)
            {
                watchers.Remove(watcher);
            }

            removals.Clear();
        }

        if (watchers.Count == 0)
        {
            watchTable.Remove(localPath);
        }
    }

    private void Unwatch(string path, IWatcher watcher, Dictionary<string, WatchStats> paths, HashSet<IWatcher> watchers)
    {
        if (!paths.Remove(path))
        {
            return;
        }

        if (paths.Count == 0)
        {
            watch2Paths.Remove(watcher);
        }

        watchers.Remove(watcher);
        if (watchers.Count == 0)
        {
            watchTable.Remove(path);
        }
    }
}
