using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// The replicated znode tree (ZooKeeper's <c>DataTree</c>): a path-to-node map, the ephemerals of each
/// session, the container and TTL sets, the session table, quota statistics and the two watch tables.
/// Txns are applied by <see cref="ProcessTxn"/>, deterministically, in zxid order. Not thread-safe: the peer
/// actor owns it.
/// </summary>
public sealed partial class DataTree
{
    /// <summary>ZooKeeper's system node.</summary>
    public const string ProcZookeeper = "/zookeeper";

    /// <summary>The quota subtree.</summary>
    public const string QuotaZookeeper = "/zookeeper/quota";

    /// <summary>The dynamic-configuration node (empty data in standalone mode).</summary>
    public const string ConfigZookeeper = "/zookeeper/config";

    /// <summary>Name of the quota limit node under <c>/zookeeper/quota/&lt;path&gt;</c>.</summary>
    public const string QuotaLimitNode = "zookeeper_limits";

    /// <summary>Name of the quota statistics node under <c>/zookeeper/quota/&lt;path&gt;</c>.</summary>
    public const string QuotaStatNode = "zookeeper_stats";

    private readonly Dictionary<string, DataNode> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DataNode>.AlternateLookup<ReadOnlySpan<char>> nodesBySpan;
    // Each session's ephemeral paths in ZooKeeper's order (a Java HashSet): clients see it through getEphemerals and
    // the order in which closeSession deletes them.
    private readonly Dictionary<long, JavaStringHashSet> ephemerals = [];
    private readonly HashSet<string> containers = new(StringComparer.Ordinal);
    private readonly HashSet<string> ttls = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> sessions = [];
    private readonly AclCache aclCache = new();
    private readonly bool extendedTypes;
    private long nodeDataSize;

    /// <summary>Creates the tree of a fresh standalone server: "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config".</summary>
    public DataTree(CoreOptions? options = null)
    {
        Options = options ?? CoreOptions.Default;
        extendedTypes = Options.ExtendedTypesEnabled;
        nodesBySpan = nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        DataWatches = new WatchManager();
        ChildWatches = new WatchManager();
        InitializeSystemNodes();
    }

    /// <summary>The settings this tree applies txns with.</summary>
    public CoreOptions Options { get; }

    /// <summary>Data and exist watches (and persistent / persistent-recursive watches). The wchs/wchc/wchp reports show this table only, as ZooKeeper's.</summary>
    public WatchManager DataWatches { get; }

    /// <summary>Child watches, and the persistent and persistent-recursive watches, which 3.8.0 puts in both tables.</summary>
    public WatchManager ChildWatches { get; }

    /// <summary>The zxid of the last applied txn (a multi counts once it is fully applied).</summary>
    public long LastProcessedZxid { get; set; }

    /// <summary>
    /// ZooKeeper's <c>getNodeCount</c> (<c>zk_znode_count</c>): the size of the path map, which holds the root
    /// under both "" and "/", so a fresh tree reports 5.
    /// </summary>
    public int NodeCount => nodes.Count;

    /// <summary>
    /// ZooKeeper's cached <c>approximateDataSize</c> (<c>zk_approximate_data_size</c>): the sum of path length
    /// plus data length over the path map (both root aliases included), maintained incrementally.
    /// </summary>
    public long ApproximateDataSize => nodeDataSize;

    /// <summary>Number of ephemeral nodes over all sessions (<c>zk_ephemerals_count</c>).</summary>
    public int EphemeralsCount
    {
        get
        {
            var total = 0;
            foreach (var set in ephemerals.Values)
            {
                total += set.Count;
            }

            return total;
        }
    }

    /// <summary>
    /// Total watch registrations over both tables (<c>zk_watch_count</c>); a persistent or persistent-recursive
    /// watch counts twice, being in both.
    /// </summary>
    public int WatchCount => DataWatches.Size + ChildWatches.Size;

    /// <summary>Number of distinct ACL lists in use.</summary>
    public int AclCacheSize => aclCache.Count;

    /// <summary>Paths of all container nodes.</summary>
    public IReadOnlyCollection<string> Containers => containers;

    /// <summary>Paths of all TTL nodes.</summary>
    public IReadOnlyCollection<string> Ttls => ttls;

    /// <summary>
    /// The committed sessions and their timeouts: added by createSession txns, removed by closeSession txns
    /// (ZooKeeper keeps this table next to the tree and snapshots both).
    /// </summary>
    public IReadOnlyDictionary<long, int> Sessions => sessions;

    /// <summary>Sessions that own at least one ephemeral node (possibly with an empty set, as ZooKeeper keeps them).</summary>
    public IReadOnlyCollection<long> SessionsWithEphemerals => ephemerals.Keys;

    /// <summary>The node at <paramref name="path"/>, or <see langword="null"/>. "" is an alias of the root.</summary>
    public DataNode? GetNode(string path) => nodes.GetValueOrDefault(path);

    /// <summary>The node at <paramref name="path"/>, or <see langword="null"/>, without allocating a string.</summary>
    public DataNode? GetNode(ReadOnlySpan<char> path) => nodesBySpan.TryGetValue(path, out var node) ? node : null;

    /// <summary>The client-visible stat of <paramref name="node"/>.</summary>
    public Stat GetStat(DataNode node) => node.ToStat(extendedTypes);

    /// <summary>
    /// True for the nodes ZooKeeper protects from delete: "/", "/zookeeper", "/zookeeper/quota" and
    /// "/zookeeper/config".
    /// </summary>
    public static bool IsSpecialPath(string path)
        => path is "/" or ProcZookeeper or QuotaZookeeper or ConfigZookeeper;

    /// <summary>
    /// A copy of the paths of the ephemeral nodes of <paramref name="sessionId"/>, made and ordered as ZooKeeper's
    /// <c>getEphemerals</c> (a clone of a Java HashSet).
    /// </summary>
    public JavaStringHashSet GetEphemerals(long sessionId)
        => ephemerals.TryGetValue(sessionId, out var set) ? set.Clone() : new JavaStringHashSet();

    /// <summary>
    /// Reads a node's data and stat and, if <paramref name="watcher"/> is given, leaves a data watch (only when
    /// the node exists). No ACL check: the caller checks READ first.
    /// </summary>
    public ErrorCode GetData(string path, IWatcher? watcher, out byte[]? data, out Stat stat)
    {
        if (!nodes.TryGetValue(path, out var node))
        {
            data = null;
            stat = default;
            return ErrorCode.NoNode;
        }

        stat = node.ToStat(extendedTypes);
        if (watcher is not null)
        {
            DataWatches.AddWatch(path, watcher);
        }

        data = node.Data;
        return ErrorCode.Ok;
    }

    /// <summary>
    /// Exists: leaves a data watch first if <paramref name="watcher"/> is given, so it is set even when the
    /// node does not exist (it then fires on creation), and returns the stat.
    /// </summary>
    public ErrorCode StatNode(string path, IWatcher? watcher, out Stat stat)
    {
        if (watcher is not null)
        {
            DataWatches.AddWatch(path, watcher);
        }

        if (!nodes.TryGetValue(path, out var node))
        {
            stat = default;
            return ErrorCode.NoNode;
        }

        stat = node.ToStat(extendedTypes);
        return ErrorCode.Ok;
    }

    /// <summary>
    /// Lists a node's child names with its stat and, if <paramref name="watcher"/> is given, leaves a child
    /// watch (only when the node exists).
    /// </summary>
    public ErrorCode GetChildren(string path, IWatcher? watcher, out List<string> children, out Stat stat)
    {
        if (!nodes.TryGetValue(path, out var node))
        {
            children = [];
            stat = default;
            return ErrorCode.NoNode;
        }

        stat = node.ToStat(extendedTypes);
        children = node.childNames is null ? [] : [.. node.childNames];
        if (watcher is not null)
        {
            ChildWatches.AddWatch(path, watcher);
        }

        return ErrorCode.Ok;
    }

    /// <summary>A node's ACL and stat.</summary>
    public ErrorCode GetAcl(string path, out IReadOnlyList<Acl> acl, out Stat stat)
    {
        if (!nodes.TryGetValue(path, out var node))
        {
            acl = [];
            stat = default;
            return ErrorCode.NoNode;
        }

        acl = node.Acl;
        stat = node.ToStat(extendedTypes);
        return ErrorCode.Ok;
    }

    /// <summary>
    /// ZooKeeper's <c>getAllChildrenNumber</c>: the number of descendants. For "/" it is the map size minus the
    /// two root aliases; for "" (the root alias) ZooKeeper counts every key starting with "/", i.e. the map
    /// size minus one.
    /// </summary>
    public int GetAllChildrenNumber(string path)
    {
        if (path == "/")
        {
            return nodes.Count - 2;
        }

        if (path.Length == 0)
        {
            return nodes.Count - 1;
        }

        if (!nodes.TryGetValue(path, out var start))
        {
            return 0;
        }

        var count = 0;
        var stack = new Stack<(string Path, DataNode Node)>();
        stack.Push((path, start));
        while (stack.Count > 0)
        {
            var (parentPath, parent) = stack.Pop();
            if (parent.childNames is null)
            {
                continue;
            }

            foreach (var name in parent.childNames.Unordered)
            {
                var childPath = parentPath + "/" + name;
                if (nodes.TryGetValue(childPath, out var child))
                {
                    count++;
                    stack.Push((childPath, child));
                }
            }
        }

        return count;
    }

    /// <summary>
    /// addWatch (3.8.0's <c>DataTree.addWatch</c>): the watch goes to both tables in either mode. In the child
    /// table a recursive watch never fires NodeChildrenChanged, but it still fires NodeDeleted for a
    /// descendant when the data table did not (e.g. after a one-shot watch replaced it there).
    /// </summary>
    public void AddWatch(string path, IWatcher watcher, AddWatchMode mode)
    {
        var watcherMode = mode switch
        {
            AddWatchMode.Persistent => WatcherMode.Persistent,
            AddWatchMode.PersistentRecursive => WatcherMode.PersistentRecursive,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unsupported mode"),
        };
        DataWatches.AddWatch(path, watcher, watcherMode);
        ChildWatches.AddWatch(path, watcher, watcherMode);
    }

    /// <summary>Files a new node under its owner: the container or TTL set, or its session's ephemerals.</summary>
    private void TrackOwner(string path, long ephemeralOwner)
    {
        switch (EphemeralOwner.GetKind(ephemeralOwner, extendedTypes))
        {
            case EphemeralKind.Container:
                containers.Add(path);
                break;
            case EphemeralKind.Ttl:
                ttls.Add(path);
                break;
            case EphemeralKind.Normal:
                if (!ephemerals.TryGetValue(ephemeralOwner, out var owned))
                {
                    owned = new JavaStringHashSet();
                    ephemerals[ephemeralOwner] = owned;
                }

                owned.Add(path);
                break;
            default:
                break;
        }
    }

    /// <summary>Forgets every watch of a closed connection.</summary>
    public void RemoveWatcher(IWatcher watcher)
    {
        DataWatches.RemoveWatcher(watcher);
        ChildWatches.RemoveWatcher(watcher);
    }

    /// <summary>
    /// Re-registers a reconnecting client's watches (ZooKeeper's <c>DataTree.setWatches</c>). A watch whose
    /// condition already happened after <paramref name="relativeZxid"/> fires at once instead: data watch ->
    /// NodeDeleted if gone or NodeDataChanged if mzxid is newer; exist watch -> NodeCreated if the node exists;
    /// child watch -> NodeDeleted if gone or NodeChildrenChanged if pzxid is newer. Persistent and
    /// persistent-recursive watches are simply re-added, to both tables (3.8.0).
    /// </summary>
    public void SetWatches(
        long relativeZxid,
        IReadOnlyList<string> dataWatches,
        IReadOnlyList<string> existWatches,
        IReadOnlyList<string> childWatches,
        IReadOnlyList<string> persistentWatches,
        IReadOnlyList<string> persistentRecursiveWatches,
        IWatcher watcher)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        foreach (var path in dataWatches)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                watcher.Process(new WatchedEvent(EventType.NodeDeleted, KeeperState.SyncConnected, path));
            }
            else if (node.persistedStat.Mzxid > relativeZxid)
            {
                watcher.Process(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, path));
            }
            else
            {
                DataWatches.AddWatch(path, watcher);
            }
        }

        foreach (var path in existWatches)
        {
            if (nodes.ContainsKey(path))
            {
                watcher.Process(new WatchedEvent(EventType.NodeCreated, KeeperState.SyncConnected, path));
            }
            else
            {
                DataWatches.AddWatch(path, watcher);
            }
        }

        foreach (var path in childWatches)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                watcher.Process(new WatchedEvent(EventType.NodeDeleted, KeeperState.SyncConnected, path));
            }
            else if (node.persistedStat.Pzxid > relativeZxid)
            {
                watcher.Process(new WatchedEvent(EventType.NodeChildrenChanged, KeeperState.SyncConnected, path));
            }
            else
            {
                ChildWatches.AddWatch(path, watcher);
            }
        }

        foreach (var path in persistentWatches)
        {
            ChildWatches.AddWatch(path, watcher, WatcherMode.Persistent);
            DataWatches.AddWatch(path, watcher, WatcherMode.Persistent);
        }

        foreach (var path in persistentRecursiveWatches)
        {
            ChildWatches.AddWatch(path, watcher, WatcherMode.PersistentRecursive);
            DataWatches.AddWatch(path, watcher, WatcherMode.PersistentRecursive);
        }
    }

    /// <summary>
    /// checkWatches (3.8.0's <c>DataTree.containsWatcher</c>). Types are 3.8.0's <c>WatcherType</c> values:
    /// Children 1 (child table), Data 2 (data table), Any 3 (either). Within a table the answer is
    /// <see cref="WatchManager.ContainsWatcher"/>'s: true when any connection watches the path there.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Another type: 3.8.0 has no Persistent (4) or PersistentRecursive (5) watcher type and answers MarshallingError.
    /// </exception>
    /// <exception cref="ArgumentException">A path ZooKeeper cannot walk (see <see cref="WatchManager.ContainsWatcher"/>).</exception>
    public bool ContainsWatcher(string path, int type, IWatcher watcher) => type switch
    {
        1 => ChildWatches.ContainsWatcher(path, watcher),
        2 => DataWatches.ContainsWatcher(path, watcher),
        3 => ChildWatches.ContainsWatcher(path, watcher) | DataWatches.ContainsWatcher(path, watcher),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Invalid integer value for conversion to WatcherType"),
    };

    /// <summary>
    /// removeWatches (3.8.0's <c>DataTree.removeWatch</c>): removes <paramref name="watcher"/>'s watch on the path,
    /// whatever its mode, from the child table (1), the data table (2) or both (3); true if any was removed. A
    /// persistent watch removed with type Data keeps firing child events from the child table.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Another type (3.8.0 answers MarshallingError).</exception>
    public bool RemoveWatch(string path, int type, IWatcher watcher)
    {
        switch (type)
        {
            case 1:
                return ChildWatches.RemoveWatcher(path, watcher);
            case 2:
                return DataWatches.RemoveWatcher(path, watcher);
            case 3:
            {
                var removed = ChildWatches.RemoveWatcher(path, watcher);
                removed |= DataWatches.RemoveWatcher(path, watcher);
                return removed;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Invalid integer value for conversion to WatcherType");
        }
    }

    /// <summary>
    /// Puts the ensemble configuration in <c>/zookeeper/config</c>, as ZooKeeper's
    /// <c>ZKDatabase.initConfigInZKDatabase</c> does on a quorum member (a standalone server leaves it empty):
    /// the data is the configuration text, the version -1 and the mzxid the configuration's version. A missing
    /// node is first re-created as <c>DataTree.addConfigNode</c> does.
    /// </summary>
    /// <param name="configData">The dynamic configuration text (UTF-8).</param>
    /// <param name="configVersion">The configuration version (a zxid).</param>
    /// <param name="timeMs">Wall-clock time for mtime.</param>
    public void InitializeConfigNode(byte[] configData, long configVersion, long timeMs)
    {
        ArgumentNullException.ThrowIfNull(configData);
        if (!nodes.ContainsKey(ConfigZookeeper))
        {
            AddConfigNode();
            nodeDataSize += NodeSize(ConfigZookeeper, []);
        }

        SetData(ConfigZookeeper, configData, -1, configVersion, timeMs, out _);
    }

    private static long NodeSize(string path, byte[]? data) => path.Length + (data?.Length ?? 0);

    private void InitializeSystemNodes()
    {
        // As ZooKeeper: the system nodes have all-zero stats and empty (not null) data; "/", "/zookeeper" and
        // "/zookeeper/quota" carry the uncounted world:anyone ACL, "/zookeeper/config" is world-readable only.
        var root = new DataNode([], Acl.OpenAclUnsafe, default);
        nodes[string.Empty] = root;
        nodes["/"] = root;
        var proc = new DataNode([], Acl.OpenAclUnsafe, default);
        root.AddChild(ProcZookeeper[1..]);
        nodes[ProcZookeeper] = proc;
        var quota = new DataNode([], Acl.OpenAclUnsafe, default);
        proc.AddChild(QuotaZookeeper[(ProcZookeeper.Length + 1)..]);
        nodes[QuotaZookeeper] = quota;
        AddConfigNode();
        nodeDataSize = ComputeApproximateDataSize();
    }

    // 3.8.0's DataTree.addConfigNode: the node is created with an all-zero stat and then given READ_ACL_UNSAFE
    // by setACL(path, acl, -1), which stores the -1 as its aversion (a client sees aversion -1).
    private void AddConfigNode()
    {
        nodes[ProcZookeeper].AddChild(ConfigZookeeper[(ProcZookeeper.Length + 1)..]);
        nodes[ConfigZookeeper] = new DataNode([], aclCache.Intern(Acl.ReadAclUnsafe), default(StatPersisted) with { Aversion = -1 });
    }

    /// <summary>Recomputes <see cref="ApproximateDataSize"/> from scratch (ZooKeeper's <c>approximateDataSize()</c>).</summary>
    public long ComputeApproximateDataSize()
    {
        long total = 0;
        foreach (var (path, node) in nodes)
        {
            total += NodeSize(path, node.Data);
        }

        return total;
    }
}
