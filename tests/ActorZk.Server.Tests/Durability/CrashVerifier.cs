using System.Globalization;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// Checks a recovered tree against what the clients were told before the crash:
/// every acknowledged write is there (the acknowledged write with the highest zxid decides a node's data and
/// version, unless a later write whose reply was lost also made it); nothing refused and nothing never sent
/// shows; each multi is all there or not at all; and each session's writes survive as a prefix of the order
/// it sent them in (the log loses a suffix, never a hole).
/// </summary>
internal sealed class CrashVerifier
{
    private readonly string root;
    private readonly IReadOnlyList<CrashOp> ops;
    private readonly IReadOnlyDictionary<int, long> sessionIds;
    private readonly IReadOnlySet<int> reconnected;
    private readonly Dictionary<string, List<CrashWrite>> writesByPath = new(StringComparer.Ordinal);

    /// <param name="root">The round's subtree.</param>
    /// <param name="ops">Every request of the round, the setup's included (session -1).</param>
    /// <param name="sessionIds">Session index to session id.</param>
    /// <param name="reconnected">Sessions that resumed after the restart; the others' ephemerals must expire.</param>
    public CrashVerifier(string root, IReadOnlyList<CrashOp> ops, IReadOnlyDictionary<int, long> sessionIds, IReadOnlySet<int> reconnected)
    {
        this.root = root;
        this.ops = ops;
        this.sessionIds = sessionIds;
        this.reconnected = reconnected;
        foreach (var write in ops.SelectMany(op => op.Writes))
        {
            if (write.Op.Kind == CrashOpKind.SequentialCreate && write.Op.Outcome != CrashOutcome.Acked)
            {
                continue; // its name is unknown; see CheckSequentialNodes
            }

            if (!writesByPath.TryGetValue(write.Path, out var list))
            {
                writesByPath[write.Path] = list = [];
            }

            list.Add(write);
        }
    }

    private string EphemeralParent => root + "/eph";

    private string SequentialParent => root + "/seq";

    /// <summary>Everything that must hold right after recovery (abandoned sessions' ephemerals may still be there).</summary>
    public List<string> VerifyRecoveredTree(SortedDictionary<string, NodeState> tree)
    {
        var problems = new List<string>();
        foreach (var (path, writes) in writesByPath)
        {
            CheckNode(path, writes, tree.GetValueOrDefault(path), problems);
        }

        CheckSequentialNodes(tree, problems);
        CheckMultis(tree, problems);
        CheckEphemeralOwners(tree, problems);
        CheckSessionPrefixes(tree, problems);
        foreach (var path in tree.Keys)
        {
            if (!writesByPath.ContainsKey(path) && !IsChildOf(path, SequentialParent))
            {
                problems.Add($"{path}: a node no request created ({tree[path]})");
            }
        }

        return problems;
    }

    /// <summary>Ephemerals of sessions that did not come back that are still in <paramref name="tree"/>.</summary>
    public List<string> AbandonedEphemerals(SortedDictionary<string, NodeState> tree)
        => [.. tree.Keys.Where(p => IsChildOf(p, EphemeralParent) && !reconnected.Contains(SessionOfEphemeral(p)))];

    /// <summary>After the abandoned sessions expired: the resumed sessions' acknowledged ephemerals must still be there.</summary>
    public List<string> VerifyResumedEphemerals(SortedDictionary<string, NodeState> tree)
    {
        var problems = new List<string>();
        foreach (var op in ops.Where(o => o.Kind == CrashOpKind.Ephemeral && o.Outcome == CrashOutcome.Acked && reconnected.Contains(o.Session)))
        {
            if (!tree.ContainsKey(op.Writes[0].Path))
            {
                problems.Add($"{op.Writes[0].Path}: acknowledged ephemeral of a resumed session is gone ({op})");
            }
        }

        return problems;
    }

    private static bool IsChildOf(string path, string parent)
        => path.Length > parent.Length + 1 && path.StartsWith(parent + "/", StringComparison.Ordinal) && path.IndexOf('/', parent.Length + 1) < 0;

    private static int SessionOfEphemeral(string path)
    {
        // .../eph/s{index}-e{k}
        var name = path[(path.LastIndexOf('/') + 1)..];
        return int.Parse(name.AsSpan(1, name.IndexOf('-', StringComparison.Ordinal) - 1), CultureInfo.InvariantCulture);
    }

    private void CheckNode(string path, List<CrashWrite> writes, NodeState? node, List<string> problems)
    {
        var acked = writes.Where(w => !MustFail(w) && w.Op.Outcome == CrashOutcome.Acked).OrderBy(w => w.Op.Zxid).ToList();
        var unknown = writes.Where(w => !MustFail(w) && w.Op.Outcome is CrashOutcome.Unknown or CrashOutcome.InFlight).ToList();
        var refused = writes.Where(MustFail).ToList();

        if (node is not null && refused.Any(w => w.Data.Length > 0 && w.Data == node.Data))
        {
            problems.Add($"{path}: holds the data of a write the server refused ({node})");
        }

        var isEphemeral = IsChildOf(path, EphemeralParent);
        if (isEphemeral && !reconnected.Contains(SessionOfEphemeral(path)))
        {
            // Its session is expiring: it may be gone already, but if it is there it must be what was written.
            if (node is not null && !writes.Any(w => w.Data == node.Data && !MustFail(w)))
            {
                problems.Add($"{path}: ephemeral holds data nobody wrote ({node})");
            }

            return;
        }

        if (acked.Any(w => w.Kind == CrashWriteKind.Delete))
        {
            if (node is not null)
            {
                problems.Add($"{path}: deleted with an acknowledged delete, but back after recovery ({node})");
            }

            return;
        }

        if (acked.Count > 0)
        {
            var last = acked[^1];
            if (node is null)
            {
                if (!unknown.Any(w => w.Kind == CrashWriteKind.Delete))
                {
                    problems.Add($"{path}: LOST — acknowledged writes [{string.Join("; ", acked)}] but the node is gone");
                }

                return;
            }

            var create = acked.FirstOrDefault(w => w.Kind == CrashWriteKind.Create);
            if (create is not null && node.Stat.Czxid != create.Op.Zxid)
            {
                problems.Add($"{path}: czxid 0x{node.Stat.Czxid:x} but its create was acknowledged with zxid 0x{create.Op.Zxid:x}");
            }

            var version = last.VersionAfter ?? 0;
            if (node.Stat.Version < version)
            {
                problems.Add($"{path}: LOST — version {node.Stat.Version} is older than the acknowledged {last} ({node})");
            }
            else if (node.Stat.Version == version)
            {
                if (node.Data != last.Data || node.Stat.Mzxid != last.Op.Zxid)
                {
                    problems.Add($"{path}: at the version of the last acknowledged write {last} but holds {node}");
                }
            }
            else if (node.Stat.Mzxid <= last.Op.Zxid || !unknown.Any(w => Explains(w, node)))
            {
                problems.Add($"{path}: newer than the last acknowledged write {last}, and no unanswered write explains {node}");
            }

            return;
        }

        if (node is not null && !unknown.Any(w => Explains(w, node)))
        {
            problems.Add($"{path}: exists, yet no write that may have happened explains {node} (writes: {string.Join("; ", writes)})");
        }
    }

    /// <summary>Refused by the server, or a multi built to fail whatever happened to its reply.</summary>
    private static bool MustFail(CrashWrite write)
        => write.Op.Outcome == CrashOutcome.Refused || write.Op.Kind == CrashOpKind.FailingMulti;

    private static bool Explains(CrashWrite write, NodeState node)
        => write.Kind != CrashWriteKind.Delete && write.Data == node.Data && (write.VersionAfter is null || write.VersionAfter == node.Stat.Version);

    private void CheckSequentialNodes(SortedDictionary<string, NodeState> tree, List<string> problems)
    {
        var children = tree.Where(e => IsChildOf(e.Key, SequentialParent)).ToList();
        var sequentialOps = ops.Where(o => o.Kind == CrashOpKind.SequentialCreate).ToList();
        var byData = sequentialOps.ToDictionary(o => o.Writes[0].Data, StringComparer.Ordinal);
        foreach (var duplicate in children.GroupBy(c => c.Value.Data).Where(g => g.Count() > 1))
        {
            problems.Add($"{SequentialParent}: one sequential create made several nodes: {string.Join(", ", duplicate.Select(d => d.Key))}");
        }

        foreach (var (path, node) in children)
        {
            if (!byData.TryGetValue(node.Data, out var op) || op.Outcome == CrashOutcome.Refused)
            {
                problems.Add($"{path}: a sequential node no request created ({node})");
            }
            else if (!path.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{SequentialParent}/s{op.Session}-"), StringComparison.Ordinal))
            {
                problems.Add($"{path}: holds the data of {op}, which used another name prefix");
            }
        }

        // Each session's acknowledged sequence numbers grow with their zxids (the parent's cversion only grows).
        foreach (var session in sequentialOps.Where(o => o.Outcome == CrashOutcome.Acked).GroupBy(o => o.Session))
        {
            var ordered = session.OrderBy(o => o.Zxid).Select(o => SequenceOf(o.Writes[0].Path)).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i] <= ordered[i - 1])
                {
                    problems.Add($"session {session.Key}: sequence number {ordered[i]} acknowledged after {ordered[i - 1]}");
                }
            }
        }
    }

    /// <summary>The 10-digit counter ZooKeeper appends to a sequential node's name.</summary>
    public static long SequenceOf(string path) => long.Parse(path.AsSpan(path.Length - 10), CultureInfo.InvariantCulture);

    private void CheckMultis(SortedDictionary<string, NodeState> tree, List<string> problems)
    {
        foreach (var session in ops.Where(o => o.Kind == CrashOpKind.Multi).GroupBy(o => o.Session))
        {
            var counterPath = string.Create(CultureInfo.InvariantCulture, $"{root}/s{session.Key}/mc");
            if (!tree.TryGetValue(counterPath, out var counter))
            {
                problems.Add($"{counterPath}: the multi counter is gone");
                continue;
            }

            foreach (var multi in session)
            {
                // Multi n sets the counter from version n to n + 1, so it is in the tree exactly when the version passed n.
                var applied = counter.Stat.Version > multi.MultiNumber;
                var present = multi.Writes.Where(w => w.Kind == CrashWriteKind.Create).Select(w => tree.ContainsKey(w.Path)).ToList();
                if (present.Any(p => p != applied))
                {
                    problems.Add($"{multi}: HALF-APPLIED — counter at version {counter.Stat.Version} says {(applied ? "applied" : "not applied")}, its creates present: [{string.Join(", ", present)}]");
                }

                if (multi.Outcome == CrashOutcome.Acked && !applied)
                {
                    problems.Add($"{multi}: LOST — acknowledged multi #{multi.MultiNumber} is not in the tree (counter at version {counter.Stat.Version})");
                }
            }
        }
    }

    private void CheckEphemeralOwners(SortedDictionary<string, NodeState> tree, List<string> problems)
    {
        foreach (var (path, node) in tree.Where(e => IsChildOf(e.Key, EphemeralParent)))
        {
            var session = SessionOfEphemeral(path);
            if (!sessionIds.TryGetValue(session, out var id) || node.Stat.EphemeralOwner != id)
            {
                problems.Add($"{path}: ephemeral owner 0x{node.Stat.EphemeralOwner:x}, but session {session} is 0x{id:x}");
            }
        }
    }

    private void CheckSessionPrefixes(SortedDictionary<string, NodeState> tree, List<string> problems)
    {
        var deletedPaths = ops.Where(o => o.Kind == CrashOpKind.Delete).Select(o => o.Writes[0].Path).ToHashSet(StringComparer.Ordinal);
        var sequentialData = tree.Where(e => IsChildOf(e.Key, SequentialParent)).Select(e => e.Value.Data).ToHashSet(StringComparer.Ordinal);
        foreach (var session in ops.Where(o => o.Session >= 0).GroupBy(o => o.Session))
        {
            CrashOp? firstMissing = null;
            foreach (var op in session.OrderBy(o => o.Index))
            {
                var applied = WasApplied(op, tree, deletedPaths, sequentialData);
                if (applied == false)
                {
                    firstMissing ??= op;
                }
                else if (applied == true && firstMissing is not null)
                {
                    problems.Add($"session {session.Key}: HOLE in the log — {firstMissing} is missing but the later {op} survived");
                    break;
                }
            }
        }
    }

    /// <summary>Whether the tree shows the op applied: true, false, or null when the tree cannot tell.</summary>
    private bool? WasApplied(CrashOp op, SortedDictionary<string, NodeState> tree, HashSet<string> deletedPaths, HashSet<string> sequentialData)
    {
        var write = op.Writes[0];
        switch (op.Kind)
        {
            case CrashOpKind.Create:
                return tree.ContainsKey(write.Path) ? true : deletedPaths.Contains(write.Path) ? null : false;
            case CrashOpKind.SetOwn:
                return tree.TryGetValue(write.Path, out var node) ? node.Stat.Version >= write.VersionAfter : null;
            case CrashOpKind.Delete:
                return tree.ContainsKey(write.Path) ? false : null;
            case CrashOpKind.Multi:
                var counter = string.Create(CultureInfo.InvariantCulture, $"{root}/s{op.Session}/mc");
                return tree.TryGetValue(counter, out var mc) ? mc.Stat.Version > op.MultiNumber : null;
            case CrashOpKind.SequentialCreate:
                return sequentialData.Contains(write.Data);
            case CrashOpKind.Ephemeral when reconnected.Contains(op.Session):
                return tree.ContainsKey(write.Path);
            default:
                return null;
        }
    }
}
