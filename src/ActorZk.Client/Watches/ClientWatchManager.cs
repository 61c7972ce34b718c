using ActorZk.Client.Exceptions;
using ActorZk.Protocol;

namespace ActorZk.Client.Watches;

/// <summary>
/// The client-side watch tables, with the rules of ZooKeeper's <c>ZKWatchManager</c>: data, exist and child
/// watches fire once, persistent and persistent-recursive watches stay until removed. Keyed by server path.
/// </summary>
/// <remarks>
/// Registration and materialization both run on the connection's read loop when replies and notifications arrive,
/// so a watch set by a request is in place before any later notification is matched; the lock only guards against
/// the snapshot taken for setWatches and against removals requested by callers.
/// </remarks>
internal sealed class ClientWatchManager
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, List<IWatcher>> dataWatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IWatcher>> existWatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IWatcher>> childWatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IWatcher>> persistentWatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IWatcher>> persistentRecursiveWatches = new(StringComparer.Ordinal);
    private readonly bool disableAutoWatchReset;

    /// <summary>Creates the tables.</summary>
    /// <param name="defaultWatcher">The watcher that receives state changes and the watches set with <c>watch: true</c>.</param>
    /// <param name="disableAutoWatchReset">When true, one-shot watches are dropped on disconnection instead of being re-set.</param>
    public ClientWatchManager(IWatcher? defaultWatcher, bool disableAutoWatchReset)
    {
        DefaultWatcher = defaultWatcher;
        this.disableAutoWatchReset = disableAutoWatchReset;
    }

    /// <summary>The default watcher, or <see langword="null"/>.</summary>
    public IWatcher? DefaultWatcher { get; }

    /// <summary>Registers <paramref name="registration"/> if the reply's <paramref name="err"/> means the server set the watch.</summary>
    /// <param name="registration">The registration carried by the request.</param>
    /// <param name="err">The reply's error code.</param>
    public void Register(in WatchRegistration registration, ErrorCode err)
    {
        if (!registration.ShouldRegister(err))
        {
            return;
        }

        var table = registration.Kind switch
        {
            WatchKind.Data => dataWatches,
            WatchKind.Exists => err == ErrorCode.Ok ? dataWatches : existWatches,
            WatchKind.Child => childWatches,
            WatchKind.Persistent => persistentWatches,
            _ => persistentRecursiveWatches,
        };

        lock (sync)
        {
            if (!table.TryGetValue(registration.ServerPath, out var watchers))
            {
                watchers = new List<IWatcher>(1);
                table.Add(registration.ServerPath, watchers);
            }

            if (!watchers.Contains(registration.Watcher))
            {
                watchers.Add(registration.Watcher);
            }
        }
    }

    /// <summary>
    /// The watchers a node event reaches, removing the one-shot watches it triggers. Each watcher appears once.
    /// </summary>
    /// <param name="type">The event type (not <see cref="EventType.None"/>).</param>
    /// <param name="serverPath">The event's server path.</param>
    /// <returns>The watchers to call, possibly empty.</returns>
    public List<IWatcher> Materialize(EventType type, string serverPath)
    {
        var result = new List<IWatcher>();
        lock (sync)
        {
            switch (type)
            {
                case EventType.NodeCreated:
                case EventType.NodeDataChanged:
                    MoveTo(dataWatches, serverPath, result);
                    MoveTo(existWatches, serverPath, result);
                    break;
                case EventType.NodeChildrenChanged:
                    MoveTo(childWatches, serverPath, result);
                    break;
                case EventType.NodeDeleted:
                    // A deletion ends both the data and the child watches of the node. An exist watch cannot be
                    // there (the node existed), but ZooKeeper clears it too should a server have sent one.
                    MoveTo(dataWatches, serverPath, result);
                    MoveTo(existWatches, serverPath, result);
                    MoveTo(childWatches, serverPath, result);
                    break;
                default:
                    // Removal events are materialized by Remove; anything else is ignored like ZooKeeper's client logs it.
                    return result;
            }

            AddAll(persistentWatches, serverPath, result);

            // Persistent recursive watches never report child changes: the server may still send them because
            // of a standard child watch on a descendant, so they are filtered here, as ZooKeeper does.
            if (type != EventType.NodeChildrenChanged && persistentRecursiveWatches.Count > 0)
            {
                for (var path = serverPath; ; path = Parent(path))
                {
                    AddAll(persistentRecursiveWatches, path, result);
                    if (path.Length == 1)
                    {
                        break;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The watchers a connection-state change reaches: the default watcher and every registered watcher.
    /// </summary>
    /// <param name="state">The new keeper state.</param>
    /// <returns>The watchers to call.</returns>
    public List<IWatcher> MaterializeStateChange(KeeperState state)
    {
        var result = new List<IWatcher>();
        if (DefaultWatcher is not null)
        {
            result.Add(DefaultWatcher);
        }

        var clear = disableAutoWatchReset && state != KeeperState.SyncConnected;
        lock (sync)
        {
            AddAllOf(dataWatches, result, clear);
            AddAllOf(existWatches, result, clear);
            AddAllOf(childWatches, result, clear);
            AddAllOf(persistentWatches, result, clear: false);
            AddAllOf(persistentRecursiveWatches, result, clear: false);
        }

        return result;
    }

    /// <summary>
    /// Applies a removeWatches/checkWatches reply locally (ZooKeeper's <c>removeWatcher</c>): fails with NoWatcher when
    /// the client holds no matching watch, with the server's error when it failed and the removal is not local, and
    /// otherwise removes the watches and returns the watchers to notify, by removal event type.
    /// </summary>
    /// <param name="removal">What to remove.</param>
    /// <param name="err">The reply's error code.</param>
    /// <param name="clientPath">The client path, for exceptions.</param>
    /// <returns>The removed watchers: child-watch removals, data-watch removals, persistent-watch removals.</returns>
    /// <exception cref="KeeperException">NoWatcher, or the server's error.</exception>
    public (List<IWatcher> Child, List<IWatcher> Data, List<IWatcher> Persistent) Remove(WatchRemoval removal, ErrorCode err, string clientPath)
    {
        var child = new List<IWatcher>();
        var data = new List<IWatcher>();
        var persistent = new List<IWatcher>();
        lock (sync)
        {
            if (!Contains(removal.ServerPath, removal.Watcher, removal.Type))
            {
                throw new NoWatcherException(clientPath);
            }

            if (err != ErrorCode.Ok && !removal.Local)
            {
                throw KeeperException.Create(err, clientPath);
            }

            var removed = false;
            switch (removal.Type)
            {
                case WatcherType.Children:
                    removed = RemoveFrom(childWatches, removal, child);
                    break;
                case WatcherType.Data:
                    removed = RemoveFrom(dataWatches, removal, data);
                    removed |= RemoveFrom(existWatches, removal, data);
                    break;
                default:
                    removed = RemoveFrom(childWatches, removal, child);
                    removed |= RemoveFrom(dataWatches, removal, data);
                    removed |= RemoveFrom(existWatches, removal, data);
                    removed |= RemoveFrom(persistentWatches, removal, persistent);
                    removed |= RemoveFrom(persistentRecursiveWatches, removal, persistent);
                    break;
            }

            if (!removed)
            {
                throw new NoWatcherException(clientPath);
            }
        }

        return (child, data, persistent);
    }

    /// <summary>Whether the client holds a watch of <paramref name="type"/> on the path (for <paramref name="watcher"/>, or any).</summary>
    /// <param name="serverPath">The server path.</param>
    /// <param name="watcher">A specific watcher, or null for any.</param>
    /// <param name="type">Which watches.</param>
    /// <returns>True when one exists.</returns>
    public bool Contains(string serverPath, IWatcher? watcher, WatcherType type)
    {
        lock (sync)
        {
            return type switch
            {
                WatcherType.Children => Holds(childWatches, serverPath, watcher),
                WatcherType.Data => Holds(dataWatches, serverPath, watcher) || Holds(existWatches, serverPath, watcher),
                _ => Holds(childWatches, serverPath, watcher) || Holds(dataWatches, serverPath, watcher)
                    || Holds(existWatches, serverPath, watcher) || Holds(persistentWatches, serverPath, watcher)
                    || Holds(persistentRecursiveWatches, serverPath, watcher),
            };
        }
    }

    /// <summary>The paths of every watch held, for setWatches.</summary>
    /// <returns>The snapshot.</returns>
    public WatchPaths Snapshot()
    {
        lock (sync)
        {
            return new WatchPaths(
                [.. dataWatches.Keys],
                [.. existWatches.Keys],
                [.. childWatches.Keys],
                [.. persistentWatches.Keys],
                [.. persistentRecursiveWatches.Keys]);
        }
    }

    /// <summary>The parent of a server path ("/" for a top-level node).</summary>
    /// <param name="path">A path other than "/".</param>
    /// <returns>The parent path.</returns>
    internal static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private static bool Holds(Dictionary<string, List<IWatcher>> table, string path, IWatcher? watcher)
        => table.TryGetValue(path, out var watchers) && (watcher is null ? watchers.Count > 0 : watchers.Contains(watcher));

    private static bool RemoveFrom(Dictionary<string, List<IWatcher>> table, WatchRemoval removal, List<IWatcher> removed)
    {
        if (!table.TryGetValue(removal.ServerPath, out var watchers))
        {
            return false;
        }

        if (removal.Watcher is null)
        {
            table.Remove(removal.ServerPath);
            AddDistinct(watchers, removed);
            return true;
        }

        if (!watchers.Remove(removal.Watcher))
        {
            return false;
        }

        if (watchers.Count == 0)
        {
            table.Remove(removal.ServerPath);
        }

        if (!removed.Contains(removal.Watcher))
        {
            removed.Add(removal.Watcher);
        }

        return true;
    }

    private static void MoveTo(Dictionary<string, List<IWatcher>> table, string path, List<IWatcher> result)
    {
        if (table.Remove(path, out var watchers))
        {
            AddDistinct(watchers, result);
        }
    }

    private static void AddAll(Dictionary<string, List<IWatcher>> table, string path, List<IWatcher> result)
    {
        if (table.TryGetValue(path, out var watchers))
        {
            AddDistinct(watchers, result);
        }
    }

    private static void AddAllOf(Dictionary<string, List<IWatcher>> table, List<IWatcher> result, bool clear)
    {
        foreach (var watchers in table.Values)
        {
            AddDistinct(watchers, result);
        }

        if (clear)
        {
            table.Clear();
        }
    }

    private static void AddDistinct(List<IWatcher> from, List<IWatcher> to)
    {
        // Sets are tiny (usually one watcher), so a linear check beats hashing and keeps registration order.
        foreach (var watcher in from)
        {
            if (!to.Contains(watcher))
            {
                to.Add(watcher);
            }
        }
    }
}
