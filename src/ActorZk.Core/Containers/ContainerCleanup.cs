using ActorZk.Core.Tree;

namespace ActorZk.Core.Containers;

/// <summary>
/// ZooKeeper's <c>ContainerManager</c> rules for which nodes the leader should try to delete (by submitting
/// a deleteContainer request for each; a delete that no longer applies just fails).
/// </summary>
public static class ContainerCleanup
{
    /// <summary>ZooKeeper's default check interval (<c>znode.container.checkIntervalMs</c>).</summary>
    public const int DefaultCheckIntervalMs = 60_000;

    /// <summary>ZooKeeper's default deletion rate (<c>znode.container.maxPerMinute</c>).</summary>
    public const int DefaultMaxPerMinute = 10_000;

    /// <summary>
    /// ZooKeeper 3.8.0's default for <c>znode.container.maxNeverUsedIntervalMs</c>: 0, so a container that never
    /// had a child is kept for ever (<c>ZooKeeperServerMain</c> and <c>LeaderZooKeeperServer</c> pass
    /// <c>Long.getLong(..., 0)</c>; the 5-minute default came later).
    /// </summary>
    public const long DefaultMaxNeverUsedIntervalMs = 0;

    /// <summary>
    /// The nodes to delete now, in the order ZooKeeper's <c>ContainerManager</c> deletes them (its candidates are a
    /// Java HashSet, so clients see the deletions, their zxids and events, in that set's order): containers
    /// without children that have had a child (stored cversion
    /// &gt; 0), or never had one but were last modified more than <paramref name="maxNeverUsedIntervalMs"/> ago
    /// (0 disables that rule); and TTL nodes without children whose mtime is more than their TTL ago.
    /// </summary>
    /// <param name="tree">The tree.</param>
    /// <param name="nowMs">Current wall-clock time in ms (compared with mtime).</param>
    /// <param name="maxNeverUsedIntervalMs">Age after which an unused container goes; 0 keeps them.</param>
    public static IReadOnlyList<string> FindCandidates(DataTree tree, long nowMs, long maxNeverUsedIntervalMs = DefaultMaxNeverUsedIntervalMs)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var candidates = new List<string>();
        foreach (var path in tree.Containers)
        {
            var node = tree.GetNode(path);
            if (node is null || node.ChildCount != 0)
            {
                continue;
            }

            // A container that never had a child is kept so that one created just before a check is not
            // removed before its first child arrives.
            if (node.Stat.Cversion > 0
                || (maxNeverUsedIntervalMs != 0 && nowMs - node.Stat.Mtime > maxNeverUsedIntervalMs))
            {
                candidates.Add(path);
            }
        }

        foreach (var path in tree.Ttls)
        {
            var node = tree.GetNode(path);
            if (node is null || node.ChildCount != 0)
            {
                continue;
            }

            var owner = node.Stat.EphemeralOwner;
            if (EphemeralOwner.GetKind(owner, tree.Options.ExtendedTypesEnabled) == EphemeralKind.Ttl)
            {
                var ttl = EphemeralOwner.GetTtl(owner);
                if (ttl != 0 && nowMs - node.Stat.Mtime > ttl)
                {
                    candidates.Add(path);
                }
            }
        }

        // Containers, then TTL nodes, go into a HashSet; in ZooKeeper they come from hash sets themselves, an
        // order this does not reproduce, which only matters for candidates that share a bucket.
        candidates.Sort(StringComparer.Ordinal);
        var ordered = new JavaStringHashSet();
        foreach (var path in candidates)
        {
            ordered.Add(path);
        }

        return [.. ordered];
    }

    /// <summary>Pause between two deletions so that at most <paramref name="maxPerMinute"/> happen per minute.</summary>
    public static long GetMinIntervalMs(int maxPerMinute) => 60_000L / maxPerMinute;
}
