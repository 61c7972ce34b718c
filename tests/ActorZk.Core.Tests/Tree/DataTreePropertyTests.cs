using ActorZk.Core.Processing;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using CsCheck;

namespace ActorZk.Core.Tests.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// Random write sequences, prepared in small in-flight batches and applied in order, checked against the
/// tree invariants after every txn.
/// </summary>
public class DataTreePropertyTests
{
    private static readonly string[] Names = ["a", "b", "c", "d"];
    private static readonly long[] Sessions = [11, 12, 13];
    private static readonly IReadOnlyList<Acl> NoAdmin = [new(Perms.Read | Perms.Write | Perms.Create | Perms.Delete, Id.AnyoneIdUnsafe)];

    [Fact]
    public void Random_operation_sequences_keep_tree_invariants()
        => Gen.Int[0, 1_000_000].Array[1, 120].Sample(Run, iter: 400);

    [Fact]
    public void Random_sequences_with_extended_types()
        => Gen.Int[0, 1_000_000].Array[1, 80].Sample(ints => Run(ints, new CoreOptions { ExtendedTypesEnabled = true }), iter: 150);

    private static void Run(int[] ints) => Run(ints, CoreOptions.Default);

    private static void Run(int[] ints, CoreOptions options)
    {
        var trace = new List<string>();
        try
        {
            RunTraced(ints, options, trace);
        }
        catch (Exception ex) when (ex is not CsCheckException)
        {
            throw new InvalidOperationException(ex.Message + "\n" + string.Join("\n", trace), ex);
        }
    }

    private static void RunTraced(int[] ints, CoreOptions options, List<string> trace)
    {
        var draw = new Draw(ints);
        var h = new Harness(options);
        var replica = new DataTree(options);
        var watcher = new RecordingWatcher();
        h.Tree.AddWatch("/", watcher, AddWatchMode.PersistentRecursive);
        var history = new Dictionary<string, (long Czxid, int Cversion, long Pzxid)>(StringComparer.Ordinal);
        var lastSequence = new Dictionary<(string Parent, long Czxid), long>();
        h.CreatedPath("/t");
        replica.ProcessTxn(h.Log[0].Header, h.Log[0].Txn);

        // A fuzzy snapshot written a few nodes at a time while txns keep being applied (as the peer does).
        using var fuzzyStream = new MemoryStream();
        TreeSnapshotWriter? fuzzy = null;
        var fuzzyDone = false;

        var steps = 0;
        while (!draw.Done && steps++ < 60)
        {
            if (fuzzy is null && draw.Next(4) == 0)
            {
                fuzzy = h.Tree.BeginSnapshot(fuzzyStream);
                trace.Add($"fuzzy snapshot starts at {fuzzy.Zxid:x}");
            }
            else if (fuzzy is not null && !fuzzyDone)
            {
                fuzzyDone = fuzzy.WriteNext(1 + draw.Next(3));
            }

            var batch = new List<PreparedTxn>();
            var count = 1 + draw.Next(3);
            var existing = Walk(h.Tree).Select(n => n.Path).Where(p => p.StartsWith("/t", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < count; i++)
            {
                var (op, request, session) = NextRequest(draw, existing);
                var prepared = h.Prepare(op, request, session);
                batch.Add(prepared);
                trace.Add($"prepare {op} {Describe(request)} s={session} -> {prepared.Header.Type} {prepared.Err} {Describe(prepared.Txn)}");
            }

            foreach (var prepared in batch)
            {
                var failedMulti = prepared.Header.Type == OpCode.Multi && prepared.Err != ErrorCode.Ok;
                var before = failedMulti ? SnapshotAt(h.Tree, 0) : null;
                var (result, _) = h.Apply(prepared);
                trace.Add($"apply {prepared.Header.Zxid:x} -> {result.Err}");
                var (header, txn) = h.Log[^1];
                var replicaResult = replica.ProcessTxn(header, txn);
                Assert.Equal(result.Err, replicaResult.Err);

                // What the preparer accepted must apply cleanly; what it refused applies as that error.
                Assert.Equal(prepared.Err, result.Err);
                if (failedMulti)
                {
                    Assert.Equal(before, SnapshotAt(h.Tree, 0));
                }

                CheckSequence(h.Tree, result, lastSequence);
                CheckStructure(h.Tree);
                CheckMonotonic(h.Tree, history);
            }
        }

        Assert.Equal(0, h.Preparer.OutstandingChangeCount);
        var snapshot = Bytes.Snapshot(h.Tree);
        Assert.Equal(snapshot, Bytes.Snapshot(replica));

        if (fuzzy is not null)
        {
            // Loading the fuzzy snapshot and replaying every txn after its label gives the exact tree.
            fuzzy.WriteNext(int.MaxValue);
            fuzzy.Dispose();
            var recovered = DataTree.Deserialize(new MemoryStream(fuzzyStream.ToArray()), options);
            foreach (var (header, txn) in h.Log.Where(entry => entry.Header.Zxid > fuzzy.Zxid))
            {
                recovered.ProcessTxn(header, txn);
            }

            Assert.Equal(snapshot, Bytes.Snapshot(recovered));
        }

        var replayed = new DataTree(options);
        foreach (var (header, txn) in h.Log)
        {
            replayed.ProcessTxn(header, txn);
        }

        Assert.Equal(snapshot, Bytes.Snapshot(replayed));
        var loaded = DataTree.Deserialize(new MemoryStream(snapshot), options);
        Assert.Equal(snapshot, Bytes.Snapshot(loaded));
        CheckStructure(loaded);
        Assert.Equal(h.Tree.ApproximateDataSize, loaded.ApproximateDataSize);
        Assert.Equal(h.Tree.ApproximateDataSize, h.Tree.ComputeApproximateDataSize());
        Assert.All(watcher.Events, e => Assert.Equal(-1, e.Zxid));
    }

    private static (OpCode Op, IJuteRecord? Request, long Session) NextRequest(Draw draw, List<string> existing)
    {
        var session = Sessions[draw.Next(Sessions.Length)];
        switch (draw.Next(12))
        {
            case 0:
            case 1:
            case 2:
                return CreateOp(draw, session, existing);
            case 3:
            case 4:
                return (OpCode.Delete, new DeleteRequest(AnyPath(draw, existing), draw.Next(3) - 1), session);
            case 5:
                return (OpCode.SetData, new SetDataRequest(AnyPath(draw, existing), RandomData(draw), draw.Next(3) - 1), session);
            case 6:
                return (OpCode.SetAcl, new SetACLRequest(AnyPath(draw, existing), draw.Next(4) == 0 ? NoAdmin : Acl.OpenAclUnsafe, draw.Next(3) - 1), session);
            case 7:
            case 8:
            {
                var ops = new List<MultiOp>();
                var count = draw.Next(5);
                for (var i = 0; i < count; i++)
                {
                    ops.Add(draw.Next(4) switch
                    {
                        0 => MultiOp.Create(new CreateRequest(ChildPath(draw, existing), RandomData(draw), Acl.OpenAclUnsafe, RandomMode(draw, allowContainer: false)), draw.Next(2) == 0 ? OpCode.Create : OpCode.Create2),
                        1 => MultiOp.Delete(new DeleteRequest(AnyPath(draw, existing), draw.Next(3) - 1)),
                        2 => MultiOp.SetData(new SetDataRequest(AnyPath(draw, existing), RandomData(draw), draw.Next(3) - 1)),
                        _ => MultiOp.Check(new CheckVersionRequest(AnyPath(draw, existing), draw.Next(3) - 1)),
                    });
                }

                return (OpCode.Multi, new MultiRequest(ops), session);
            }

            case 9:
                return (OpCode.CreateSession, new CreateSessionTxn(10000 + draw.Next(5)), session);
            case 10:
                return (OpCode.CloseSession, null, session);
            default:
                return (OpCode.DeleteContainer, new DeleteContainerRequest(AnyPath(draw, existing)), 0);
        }
    }

    private static (OpCode, IJuteRecord?, long) CreateOp(Draw draw, long session, List<string> existing)
    {
        var mode = RandomMode(draw, allowContainer: true);
        var path = ChildPath(draw, existing);
        if (((CreateMode)mode).IsSequential() && draw.Next(2) == 0)
        {
            path += "/";
        }

        var request = new CreateRequest(path, RandomData(draw), Acl.OpenAclUnsafe, mode);
        return mode == (int)CreateMode.Container
            ? (OpCode.CreateContainer, request, session)
            : (draw.Next(2) == 0 ? OpCode.Create : OpCode.Create2, request, session);
    }

    private static string Describe(object? record) => record switch
    {
        MultiRequest m => "[" + string.Join(", ", m.Ops.Select(o => o.Type + " " + Describe(o.Request))) + "]",
        MultiTxn m => "[" + string.Join(", ", m.Txns.Select(t => t.Type + " " + Describe(t.Record))) + "]",
        CreateRequest c => $"{c.Path} flags={c.Flags}",
        null => "-",
        _ => record.ToString() ?? "?",
    };

    private static int RandomMode(Draw draw, bool allowContainer)
    {
        var modes = allowContainer ? new[] { 0, 0, 1, 2, 3, 4 } : [0, 0, 1, 2, 3];
        return modes[draw.Next(modes.Length)];
    }

    private static string RandomPath(Draw draw)
    {
        var depth = 1 + draw.Next(3);
        var path = "/t";
        for (var i = 0; i < depth; i++)
        {
            path += "/" + Names[draw.Next(Names.Length)];
        }

        return path;
    }

    // Mostly nodes that exist, so that most requests get past the NoNode checks.
    // "/t" itself is left alone so that one early delete does not turn the rest of the run into NoNode.
    private static string AnyPath(Draw draw, List<string> existing)
        => draw.Next(10) < 7 && existing.Count > 1 ? existing[1 + draw.Next(existing.Count - 1)] : RandomPath(draw);

    private static string ChildPath(Draw draw, List<string> existing)
        => draw.Next(10) < 8 && existing.Count > 0
            ? existing[draw.Next(existing.Count)] + "/" + Names[draw.Next(Names.Length)]
            : RandomPath(draw);

    private static byte[]? RandomData(Draw draw) => draw.Next(5) switch
    {
        0 => null,
        1 => [],
        _ => new byte[draw.Next(8)],
    };

    private static byte[] SnapshotAt(DataTree tree, long zxid)
    {
        var saved = tree.LastProcessedZxid;
        tree.LastProcessedZxid = zxid;
        var bytes = Bytes.Snapshot(tree);
        tree.LastProcessedZxid = saved;
        return bytes;
    }

    private static IEnumerable<(string Path, DataNode Node)> Walk(DataTree tree)
    {
        var stack = new Stack<string>();
        stack.Push("/");
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            var node = tree.GetNode(path);
            Assert.NotNull(node);
            yield return (path, node);
            foreach (var child in node.Children)
            {
                stack.Push(path == "/" ? "/" + child : path + "/" + child);
            }
        }
    }

    private static void CheckStructure(DataTree tree)
    {
        var reachable = 0;
        var ephemeralNodes = 0;
        foreach (var (path, node) in Walk(tree))
        {
            reachable++;
            var stat = tree.GetStat(node);
            Assert.Equal(node.Children.Count, stat.NumChildren);
            Assert.Equal(node.Data?.Length ?? 0, stat.DataLength);
            if (path.StartsWith("/t", StringComparison.Ordinal))
            {
                // The system nodes were put in place without counting creates.
                Assert.True(node.Stat.Cversion >= node.Children.Count, $"{path}: fewer creates than children");
            }

            var kind = EphemeralOwner.GetKind(node.Stat.EphemeralOwner, tree.Options.ExtendedTypesEnabled);
            if (kind == EphemeralKind.Normal)
            {
                ephemeralNodes++;
                Assert.Contains(path, tree.GetEphemerals(node.Stat.EphemeralOwner));
                Assert.Empty(node.Children);
            }

            Assert.Equal(kind == EphemeralKind.Container, tree.Containers.Contains(path));
        }

        // The map also holds the root under "".
        Assert.Equal(reachable + 1, tree.NodeCount);
        Assert.Equal(ephemeralNodes, tree.EphemeralsCount);
        Assert.Equal(tree.NodeCount - 2, tree.GetAllChildrenNumber("/"));
    }

    private static void CheckMonotonic(DataTree tree, Dictionary<string, (long Czxid, int Cversion, long Pzxid)> history)
    {
        foreach (var (path, node) in Walk(tree))
        {
            var stat = node.Stat;
            if (history.TryGetValue(path, out var previous) && previous.Czxid == stat.Czxid)
            {
                Assert.True(stat.Cversion >= previous.Cversion, $"{path}: cversion went back");
                Assert.True(stat.Pzxid >= previous.Pzxid, $"{path}: pzxid went back");
            }

            history[path] = (stat.Czxid, stat.Cversion, stat.Pzxid);
        }
    }

    private static void CheckSequence(DataTree tree, ProcessTxnResult result, Dictionary<(string Parent, long Czxid), long> lastSequence)
    {
        var results = result.MultiResult ?? [result];
        foreach (var r in results)
        {
            if (r.Err != ErrorCode.Ok || r.Type is not (OpCode.Create or OpCode.Create2 or OpCode.CreateContainer) || r.Path is null)
            {
                continue;
            }

            var node = tree.GetNode(r.Path);
            if (node is null || r.Path.Length < 12 || !long.TryParse(r.Path[^10..], out var sequence))
            {
                continue;
            }

            var parentPath = r.Path[..r.Path.LastIndexOf('/')];
            var parent = tree.GetNode(parentPath);
            Assert.NotNull(parent);
            var key = (parentPath, parent.Stat.Czxid);
            if (lastSequence.TryGetValue(key, out var last))
            {
                Assert.True(sequence > last, $"{r.Path}: sequence {sequence} not after {last}");
            }

            lastSequence[key] = sequence;
        }
    }

    private sealed class Draw(int[] values)
    {
        private int index;

        public bool Done => index >= values.Length * 4;

        public int Next(int bound)
        {
            var value = values[index % values.Length] + (index / values.Length * 7919);
            index++;
            return (int)((uint)value % (uint)bound);
        }
    }
}
