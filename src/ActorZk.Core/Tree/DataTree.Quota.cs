namespace ActorZk.Core.Tree;

/// <content>
/// Quota bookkeeping. Creating <c>/zookeeper/quota/&lt;path&gt;/zookeeper_limits</c> puts a quota on
/// <c>&lt;path&gt;</c>; ZooKeeper then keeps the node count and byte count of that subtree in the data of
/// <c>/zookeeper/quota/&lt;path&gt;/zookeeper_stats</c>, rewriting it on every create, delete and setData below
/// (without touching the stats node's stat). Enforcement is the preparer's business and off by default.
/// </content>
public sealed partial class DataTree
{
    // ZooKeeper keeps these in a PathTrie; a set probed from the path upward answers the same question.
    private readonly HashSet<string> quotaPaths = new(StringComparer.Ordinal);

    /// <summary>
    /// The deepest path at or above <paramref name="path"/> that has a quota, or <see langword="null"/>
    /// (a quota on "/" is ignored, as in ZooKeeper).
    /// </summary>
    public string? GetMaxPrefixWithQuota(string path)
    {
        if (quotaPaths.Count == 0)
        {
            return null;
        }

        var lookup = quotaPaths.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = path.AsSpan();
        while (span.Length > 1)
        {
            if (lookup.TryGetValue(span, out var found))
            {
                return found;
            }

            var slash = span.LastIndexOf('/');
            if (slash <= 0)
            {
                break;
            }

            span = span[..slash];
        }

        return null;
    }

    private static string QuotaStatPath(string quotaPath) => QuotaZookeeper + quotaPath + "/" + QuotaStatNode;

    private void OnQuotaNodeCreated(string parentName, string childName)
    {
        if (!parentName.StartsWith(QuotaZookeeper, StringComparison.Ordinal))
        {
            return;
        }

        var quotaPath = parentName[QuotaZookeeper.Length..];
        if (childName == QuotaLimitNode && quotaPath.Length > 0)
        {
            quotaPaths.Add(quotaPath);
        }

        if (childName == QuotaStatNode)
        {
            RecountQuota(quotaPath);
        }
    }

    private void OnQuotaNodeDeleted(string parentName, string childName)
    {
        if (childName == QuotaLimitNode
            && parentName.StartsWith(ProcZookeeper, StringComparison.Ordinal)
            && parentName.Length >= QuotaZookeeper.Length)
        {
            quotaPaths.Remove(parentName[QuotaZookeeper.Length..]);
        }
    }

    private void UpdateQuotaForChange(string path, long bytesDiff, int countDiff)
    {
        var prefix = GetMaxPrefixWithQuota(path);
        if (prefix is null || !nodes.TryGetValue(QuotaStatPath(prefix), out var statNode))
        {
            return;
        }

        var stats = QuotaStats.Parse(statNode.Data);
        stats.Count += countDiff;
        stats.Bytes += bytesDiff;
        statNode.Data = stats.ToBytes();
    }

    // Recomputes the stats node of a quota from the subtree (ZooKeeper's updateQuotaForPath).
    private void RecountQuota(string quotaPath)
    {
        long count = 0;
        long bytes = 0;
        if (nodes.TryGetValue(quotaPath, out var start))
        {
            var stack = new Stack<(string Path, DataNode Node)>();
            stack.Push((quotaPath, start));
            while (stack.Count > 0)
            {
                var (path, node) = stack.Pop();
                count++;
                bytes += node.Data?.Length ?? 0;
                if (node.childNames is null)
                {
                    continue;
                }

                foreach (var name in node.childNames.Unordered)
                {
                    var childPath = path + "/" + name;
                    if (nodes.TryGetValue(childPath, out var child))
                    {
                        stack.Push((childPath, child));
                    }
                }
            }
        }

        if (nodes.TryGetValue(QuotaStatPath(quotaPath), out var statNode))
        {
            statNode.Data = new QuotaStats { Count = count, Bytes = bytes }.ToBytes();
        }
    }

    // After loading a snapshot: every limit leaf under /zookeeper/quota marks a quota and recounts it.
    private void SetupQuotas()
    {
        quotaPaths.Clear();
        if (!nodes.ContainsKey(QuotaZookeeper))
        {
            return;
        }

        var limitSuffix = "/" + QuotaLimitNode;
        var stack = new Stack<string>();
        stack.Push(QuotaZookeeper);
        var found = new List<string>();
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            if (!nodes.TryGetValue(path, out var node))
            {
                continue;
            }

            if (node.ChildCount == 0)
            {
                if (path.EndsWith(limitSuffix, StringComparison.Ordinal))
                {
                    found.Add(path[QuotaZookeeper.Length..path.IndexOf(limitSuffix, StringComparison.Ordinal)]);
                }

                continue;
            }

            foreach (var name in node.childNames!.Unordered)
            {
                stack.Push(path + "/" + name);
            }
        }

        found.Sort(StringComparer.Ordinal);
        foreach (var quotaPath in found)
        {
            RecountQuota(quotaPath);
            if (quotaPath.Length > 0)
            {
                quotaPaths.Add(quotaPath);
            }
        }
    }
}
