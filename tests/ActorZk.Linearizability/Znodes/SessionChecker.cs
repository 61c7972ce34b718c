using System.Globalization;
using ActorZk.Protocol;

namespace ActorZk.Linearizability.Znodes;

/// <summary>
/// Checks ZooKeeper's per-session promises, which hold for plain reads (getData without sync) too. A session's
/// operations are those with its <see cref="Operation{TInput, TOutput}.ClientId"/>, in invocation order; only
/// completed operations are judged (indeterminate ones have no reply), and zxids of 0 count as unknown and are
/// skipped. Checked:
/// <list type="number">
/// <item><b>Zxid order</b> (<see cref="SessionViolationKind.ZxidDecreased"/>): the reply header zxids a session
/// receives never decrease.</item>
/// <item><b>Per-path floor.</b> For each path p the session keeps its latest <i>observation</i>: p existed as of
/// zxid f (a read returning mzxid f, or its own create/setData acknowledged with zxid f), or p was absent after f
/// (its own delete acknowledged with zxid f, or a read returning NoNode, see below). A later read of p must
/// then return either a node with mzxid ≥ f (strictly &gt; f after an absent observation: a node re-created after
/// a delete has a newer czxid, hence mzxid), or NoNode, which after an existing observation is accepted only if
/// the history holds a delete of p that may have come after it: an acknowledged delete with zxid &gt; f, or a
/// delete whose zxid is unknown (indeterminate). A breach is <see cref="SessionViolationKind.MissedOwnWrite"/>
/// when the floor came from the session's own write (read-your-writes), else
/// <see cref="SessionViolationKind.StaleRead"/> (monotonic reads).</item>
/// </list>
/// After a justified NoNode the floor becomes "absent after d", d the earliest acknowledged delete of p with zxid
/// &gt; f (or f itself when some delete of p has an unknown zxid). Failed writes (BadVersion, NoNode,
/// NodeExists) only take part in the zxid order. Both <see cref="ZkOpKind.Read"/> and
/// <see cref="ZkOpKind.PlainRead"/> are checked.
/// </summary>
public static class SessionChecker
{
    /// <summary>Checks a history.</summary>
    /// <param name="operations">The history.</param>
    /// <returns>The violations found.</returns>
    public static SessionCheckResult Check(IEnumerable<Operation<ZkInput, ZkOutput>> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var all = operations.ToList();
        var deletes = Deletes.Index(all);
        var violations = new List<SessionViolation>();
        var sessions = all.GroupBy(o => o.ClientId).ToList();
        foreach (var session in sessions)
        {
            CheckSession(session.Key, [.. session.Where(o => o.Output is not null).OrderBy(o => o.Call).ThenBy(o => o.Id)], deletes, violations);
        }

        return new SessionCheckResult(sessions.Count, violations);
    }

    private static void CheckSession(long session, List<Operation<ZkInput, ZkOutput>> ops, Dictionary<string, Deletes> deletes, List<SessionViolation> violations)
    {
        Operation<ZkInput, ZkOutput>? maxZxidOp = null;
        var floors = new Dictionary<string, Floor>(StringComparer.Ordinal);
        foreach (var op in ops)
        {
            var output = op.Output!;
            if (output.Zxid != 0)
            {
                if (maxZxidOp is not null && output.Zxid < maxZxidOp.Output!.Zxid)
                {
                    violations.Add(Violation(SessionViolationKind.ZxidDecreased, session, maxZxidOp, op, $"reply zxid 0x{output.Zxid:x} is lower than 0x{maxZxidOp.Output.Zxid:x} received before"));
                }
                else
                {
                    maxZxidOp = op;
                }
            }

            var path = op.Input.Path;
            var floor = floors.GetValueOrDefault(path);
            switch (op.Input.Kind)
            {
                case ZkOpKind.Read or ZkOpKind.PlainRead when output.Error == ErrorCode.Ok && output.Mzxid != 0:
                    if (floor is not null && (floor.Exists ? output.Mzxid < floor.Zxid : output.Mzxid <= floor.Zxid))
                    {
                        violations.Add(Violation(floor.Kind, session, floor.Source, op, string.Create(CultureInfo.InvariantCulture, $"read of {path} returned mzxid 0x{output.Mzxid:x}, older than the node {(floor.Exists ? "as of" : "deleted after")} 0x{floor.Zxid:x} seen before")));
                    }
                    else
                    {
                        floors[path] = new Floor(output.Mzxid, true, op, false);
                    }

                    break;
                case ZkOpKind.Read or ZkOpKind.PlainRead when output.Error == ErrorCode.NoNode:
                    if (floor is { Exists: true })
                    {
                        var pathDeletes = deletes.GetValueOrDefault(path);
                        if (pathDeletes is null || !pathDeletes.AnyAfter(floor.Zxid))
                        {
                            violations.Add(Violation(floor.Kind, session, floor.Source, op, string.Create(CultureInfo.InvariantCulture, $"read of {path} returned NoNode, but the node existed as of 0x{floor.Zxid:x} and no delete of it may have come after")));
                        }
                        else
                        {
                            floors[path] = new Floor(pathDeletes.EarliestAfter(floor.Zxid), false, op, false);
                        }
                    }

                    break;
                case ZkOpKind.Create or ZkOpKind.SetData when output.Error == ErrorCode.Ok:
                    Raise(floors, path, floor, new Floor(output.Mzxid != 0 ? output.Mzxid : output.Zxid, true, op, true));
                    break;
                case ZkOpKind.Delete when output.Error == ErrorCode.Ok:
                    Raise(floors, path, floor, new Floor(output.Zxid, false, op, true));
                    break;
            }
        }
    }

    private static void Raise(Dictionary<string, Floor> floors, string path, Floor? floor, Floor candidate)
    {
        // A write acknowledged with an unknown zxid tells nothing usable; an older one than the floor cannot
        // happen without a zxid order violation, which is reported on its own.
        if (candidate.Zxid != 0 && (floor is null || candidate.Zxid >= floor.Zxid))
        {
            floors[path] = candidate;
        }
    }

    private static SessionViolation Violation(SessionViolationKind kind, long session, Operation<ZkInput, ZkOutput> earlier, Operation<ZkInput, ZkOutput> later, string what)
        => new(kind, session, earlier, later, string.Create(CultureInfo.InvariantCulture, $"{kind} in session 0x{session:x}: {what}; earlier #{earlier.Id} {ZnodeModel.Instance.DescribeOperation(earlier.Input, earlier.Output)}, later #{later.Id} {ZnodeModel.Instance.DescribeOperation(later.Input, later.Output)}"));

    /// <summary>A session's latest observation of a path.</summary>
    private sealed record Floor(long Zxid, bool Exists, Operation<ZkInput, ZkOutput> Source, bool OwnWrite)
    {
        public SessionViolationKind Kind => OwnWrite ? SessionViolationKind.MissedOwnWrite : SessionViolationKind.StaleRead;
    }

    /// <summary>The deletes of one path in the whole history.</summary>
    private sealed class Deletes
    {
        private readonly List<long> known = [];
        private int unknown;

        public static Dictionary<string, Deletes> Index(List<Operation<ZkInput, ZkOutput>> all)
        {
            var index = new Dictionary<string, Deletes>(StringComparer.Ordinal);
            foreach (var op in all.Where(o => o.Input.Kind == ZkOpKind.Delete && (o.Output is null || o.Output.Error == ErrorCode.Ok)))
            {
                if (!index.TryGetValue(op.Input.Path, out var d))
                {
                    index[op.Input.Path] = d = new Deletes();
                }

                if (op.Output is { Zxid: not 0 } output)
                {
                    d.known.Add(output.Zxid);
                }
                else
                {
                    d.unknown++;
                }
            }

            foreach (var d in index.Values)
            {
                d.known.Sort();
            }

            return index;
        }

        public bool AnyAfter(long zxid) => unknown > 0 || (known.Count > 0 && known[^1] > zxid);

        /// <summary>The earliest delete that may follow <paramref name="zxid"/>; <paramref name="zxid"/> itself when
        /// a delete of unknown zxid could be it.</summary>
        public long EarliestAfter(long zxid)
        {
            if (unknown > 0)
            {
                return zxid;
            }

            var i = known.BinarySearch(zxid + 1);
            return known[i >= 0 ? i : ~i];
        }
    }
}
