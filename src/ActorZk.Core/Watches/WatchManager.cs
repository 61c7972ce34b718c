using ActorZk.Core.Acl;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Watches;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// One table of watches, as ZooKeeper 3.8.0's default <c>WatchManager</c> (with its <c>WatcherModeManager</c>);
/// a <c>DataTree</c> keeps one for data/exist watches and one for child watches. Not thread-safe: the peer
/// actor owns it.
/// </summary>
/// <remarks>
/// <para>
/// A (watcher, path) pair is either absent or present with exactly one mode: registering it again replaces
/// the mode, so a one-shot watch set on a path that already has a persistent watch of the same connection
/// turns that watch back into a one-shot one (3.8.0's <c>WatcherModeManager.setWatcherMode</c>; ZOOKEEPER-4466
/// changed this after 3.8).
/// </para>
/// <para>
/// Triggering a path fires every watcher registered on that exact path (dropping one-shot ones) and, while
/// any recursive watch exists in this table, every watcher whose watch on an ancestor is recursive. A
/// recursive watch never fires for NodeChildrenChanged, not even on its own path. A watcher is notified at
/// most once per trigger, and a trigger can skip watchers an earlier trigger of the same change notified.
/// Events carry no zxid. A triggered watcher whose identities lack READ on the node's ACL is not told, its
/// one-shot watch is used up all the same (the CVE-2024-23944 fix in <c>NIOServerCnxn.process</c>, which the
/// Debian 3.8.0 packages carry).
/// </para>
/// </remarks>
public sealed class WatchManager
{
    private readonly Dictionary<string, HashSet<IWatcher>> watchTable = new(StringComparer.Ordinal);
    private readonly Dictionary<IWatcher, HashSet<string>> watch2Paths = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(IWatcher Watcher, string Path), WatcherMode> watcherModes = new(WatcherPathComparer.Instance);
    private readonly List<IWatcher> removals = [];
    private int recursiveWatchQty;

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

    /// <summary>Number of registrations whose mode is persistent-recursive.</summary>
    public int RecursiveWatchCount => recursiveWatchQty;

    /// <summary>
    /// Counts a persistent-recursive watch that is kept nowhere: one ZooKeeper 3.8.0 files under a null path,
    /// which no event reaches and which it never uncounts (removing it, even closing its connection, throws
    /// first). The count still makes every walk go over parent paths, as ZooKeeper's does.
    /// </summary>
    public void CountUnreachableRecursiveWatch() => recursiveWatchQty++;

    /// <summary>
    /// Registers <paramref name="watcher"/> on <paramref name="path"/> in <paramref name="mode"/>, replacing the
    /// mode of an existing registration of the pair. Returns true if the path was new for the watcher; a
    /// stale watcher is ignored (false).
    /// </summary>
    public bool AddWatch(string path, IWatcher watcher, WatcherMode mode = WatcherMode.Standard)
    {
        ArgumentNullException.ThrowIfNull(path);
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
            paths = new HashSet<string>(StringComparer.Ordinal);
            watch2Paths[watcher] = paths;
        }

        SetMode(watcher, path, mode);
        return paths.Add(path);
    }

    /// <summary>Forgets every watch of <paramref name="watcher"/> (its connection closed).</summary>
    public void RemoveWatcher(IWatcher watcher)
    {
        if (!watch2Paths.Remove(watcher, out var paths))
        {
            return;
        }

        foreach (var path in paths)
        {
            if (watchTable.TryGetValue(path, out var watchers))
            {
                watchers.Remove(watcher);
                if (watchers.Count == 0)
                {
                    watchTable.Remove(path);
                }
            }

            ClearMode(watcher, path);
        }
    }

    /// <summary>
    /// Fires the watches that <paramref name="type"/> on <paramref name="path"/> triggers and returns the
    /// watchers that were triggered (suppressed ones included), or <see langword="null"/> if none.
    /// </summary>
    /// <param name="path">The changed node.</param>
    /// <param name="type">The event.</param>
    /// <param name="suppress">Watchers to skip because an earlier trigger of the same change notified them.</param>
    /// <param name="nodeAcl">
    /// The ACL of the node the event is about (the parent's for NodeChildrenChanged): only watchers it grants
    /// READ are told. <see langword="null"/> tells every watcher.
    /// </param>
    public IReadOnlyList<IWatcher>? Trigger(
        string path, EventType type, IReadOnlyList<IWatcher>? suppress = null, IReadOnlyList<Acl>? nodeAcl = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        List<IWatcher>? triggered = null;
        HashSet<IWatcher>? seen = null;

        // Without recursive watches only the path itself is visited, whose watchers are distinct already.
        var forAll = recursiveWatchQty > 0;
        var walker = new PathParentWalker(path, forAll);
        while (walker.TryNext(out var localPath, out var atParent))
        {
            if (!watchTable.TryGetValue(localPath, out var watchers) || watchers.Count == 0)
            {
                continue;
            }

            foreach (var watcher in watchers)
            {
                var mode = GetMode(watcher, localPath);
                if (mode == WatcherMode.PersistentRecursive)
                {
                    if (type != EventType.NodeChildrenChanged)
                    {
                        Collect(watcher, forAll, ref triggered, ref seen);
                    }
                }
                else if (!atParent)
                {
                    Collect(watcher, forAll, ref triggered, ref seen);
                    if (mode != WatcherMode.Persistent)
                    {
                        // ZooKeeper leaves the watcher's (possibly now empty) path set until it disconnects.
                        removals.Add(watcher);
                        if (watch2Paths.TryGetValue(watcher, out var paths))
                        {
                            paths.Remove(localPath);
                        }
                    }
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

        if (triggered is null)
        {
            return null;
        }

        var watchedEvent = new WatchedEvent(type, KeeperState.SyncConnected, path);
        var suppressSet = suppress is { Count: > 8 } ? new HashSet<IWatcher>(suppress, ReferenceEqualityComparer.Instance) : null;
        foreach (var watcher in triggered)
        {
            if ((suppress is null || !(suppressSet?.Contains(watcher) ?? Contains(suppress, watcher)))
                && (nodeAcl is null || AclEvaluator.Check(nodeAcl, Perms.Read, watcher.AuthInfo)))
            {
                watcher.Process(watchedEvent);
            }
        }

        return triggered;
    }

    /// <summary>
    /// 3.8.0's <c>containsWatcher(path, watcher)</c>, used by checkWatches. Despite its name it asks whether
    /// <em>any</em> watcher watches <paramref name="path"/> in this table (the registrations of other
    /// connections count), or whether <paramref name="watcher"/>'s own watch there is recursive.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="path"/> is neither empty nor walkable to the root (it has no '/' where ZooKeeper's
    /// <c>PathParentIterator</c> looks for one, which makes ZooKeeper fail the request with MarshallingError).
    /// </exception>
    public bool ContainsWatcher(string path, IWatcher watcher)
    {
        ArgumentNullException.ThrowIfNull(path);
        var mode = GetMode(watcher, path);
        var walker = new PathParentWalker(path, recursiveWatchQty > 0);
        while (walker.TryNext(out var localPath, out var atParent))
        {
            if (!atParent && watchTable.ContainsKey(localPath))
            {
                return true;
            }

            if (mode == WatcherMode.PersistentRecursive)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// 3.8.0's <c>removeWatcher(path, watcher)</c>, used by removeWatches: removes the watch of
    /// <paramref name="watcher"/> on <paramref name="path"/> whatever its mode. Returns true if there was one.
    /// </summary>
    public bool RemoveWatcher(string path, IWatcher watcher)
    {
        if (!watch2Paths.TryGetValue(watcher, out var paths) || !paths.Remove(path))
        {
            return false;
        }

        if (!watchTable.TryGetValue(path, out var watchers) || !watchers.Remove(watcher))
        {
            return false;
        }

        if (watchers.Count == 0)
        {
            watchTable.Remove(path);
        }

        ClearMode(watcher, path);
        return true;
    }

    /// <summary>The mode of <paramref name="watcher"/>'s watch on <paramref name="path"/> (Standard when it has none).</summary>
    public WatcherMode GetMode(IWatcher watcher, string path)
        => watcherModes.TryGetValue((watcher, path), out var mode) ? mode : WatcherMode.Standard;

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

    /// <summary>Session id to watched paths (the <c>wchc</c> report); a watcher whose watches all fired is listed with none.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> GetWatchesBySession()
    {
        var result = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var (watcher, paths) in watch2Paths)
        {
            var list = result.TryGetValue(watcher.SessionId, out var existing) ? (List<string>)existing : [];
            list.AddRange(paths);
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

    private static void Collect(IWatcher watcher, bool dedupe, ref List<IWatcher>? triggered, ref HashSet<IWatcher>? seen)
    {
        triggered ??= new List<IWatcher>(4);
        if (dedupe)
        {
            seen ??= new HashSet<IWatcher>(ReferenceEqualityComparer.Instance);
            if (!seen.Add(watcher))
            {
                return;
            }
        }

        triggered.Add(watcher);
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

    // WatcherModeManager.setWatcherMode: the standard mode is the absence of an entry.
    private void SetMode(IWatcher watcher, string path, WatcherMode mode)
    {
        if (mode == WatcherMode.Standard)
        {
            ClearMode(watcher, path);
            return;
        }

        var key = (watcher, path);
        var old = watcherModes.TryGetValue(key, out var previous) ? previous : WatcherMode.Standard;
        watcherModes[key] = mode;
        AdjustRecursiveQty(old, mode);
    }

    private void ClearMode(IWatcher watcher, string path)
    {
        if (watcherModes.Remove((watcher, path), out var old))
        {
            AdjustRecursiveQty(old, WatcherMode.Standard);
        }
    }

    private void AdjustRecursiveQty(WatcherMode oldMode, WatcherMode newMode)
    {
        var wasRecursive = oldMode == WatcherMode.PersistentRecursive;
        var isRecursive = newMode == WatcherMode.PersistentRecursive;
        if (wasRecursive != isRecursive)
        {
            recursiveWatchQty += isRecursive ? 1 : -1;
        }
    }

    // (watcher by reference, path by ordinal value), as the Java Key class with ServerCnxn identity.
    private sealed class WatcherPathComparer : IEqualityComparer<(IWatcher Watcher, string Path)>
    {
        public static readonly WatcherPathComparer Instance = new();

        public bool Equals((IWatcher Watcher, string Path) x, (IWatcher Watcher, string Path) y)
            => ReferenceEquals(x.Watcher, y.Watcher) && string.Equals(x.Path, y.Path, StringComparison.Ordinal);

        public int GetHashCode((IWatcher Watcher, string Path) obj)
            => HashCode.Combine(ReferenceEqualityComparer.Instance.GetHashCode(obj.Watcher), StringComparer.Ordinal.GetHashCode(obj.Path));
    }
}
