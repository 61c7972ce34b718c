using System.Globalization;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// One session of the crash workload. It pipelines a seeded random mix of writes and records each one's
/// outcome from its reply. Its own nodes are written by it alone, so it knows the version each conditional
/// write must find: any error reply to such a write is an anomaly, not bad luck.
/// </summary>
internal sealed class CrashSessionWorker
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly int index;
    private readonly string root;
    private readonly Random random;
    private readonly WireClient client;
    private readonly AckTrigger acks;
    private readonly int sharedNodes;
    private readonly int maxOps;
    private readonly int depth;
    private readonly string tag;

    // Own persistent nodes and the version each will have once every write sent so far is applied.
    private readonly Dictionary<string, int> ownVersions = new(StringComparer.Ordinal);
    private readonly List<string> ownPaths = [];
    private int multis;

    public CrashSessionWorker(int index, int round, string root, int seed, WireClient client, AckTrigger acks, int sharedNodes, int maxOps, int depth)
    {
        this.index = index;
        this.root = root;
        random = new Random(seed);
        this.client = client;
        this.acks = acks;
        this.sharedNodes = sharedNodes;
        this.maxOps = maxOps;
        this.depth = depth;
        tag = string.Create(CultureInfo.InvariantCulture, $"r{round}.s{index}");
    }

    public int Index => index;

    public WireClient Client => client;

    public string Home => string.Create(CultureInfo.InvariantCulture, $"{root}/s{index}");

    public string MultiCounter => Home + "/mc";

    public List<CrashOp> Ops { get; } = [];

    /// <summary>Error replies where success was certain, replies that contradict the request, missing replies.</summary>
    public List<string> Anomalies { get; } = [];

    /// <summary>Sends until <paramref name="maxOps"/> requests are out or the connection dies; then collects every reply.</summary>
    public async Task RunAsync()
    {
        var inFlight = new Queue<(CrashOp Op, Task<WireReply> Reply)>();
        for (var k = 0; k < maxOps; k++)
        {
            var (op, code, request) = Next(k);
            Ops.Add(op);
            Task<WireReply> reply;
            try
            {
                reply = await client.SendAsync(code, request);
            }
            catch (IOException)
            {
                // Perhaps part of the frame went out: the server may still have received it.
                op.Outcome = CrashOutcome.Unknown;
                break;
            }

            inFlight.Enqueue((op, reply));
            while (inFlight.Count >= depth)
            {
                var (doneOp, doneReply) = inFlight.Dequeue();
                await CompleteAsync(doneOp, doneReply);
            }
        }

        while (inFlight.TryDequeue(out var item))
        {
            await CompleteAsync(item.Op, item.Reply);
        }
    }

    private (CrashOp Op, OpCode Code, IJuteRecord Request) Next(int k)
    {
        var data = string.Create(CultureInfo.InvariantCulture, $"{tag}.o{k}");
        var roll = random.Next(100);
        return roll switch
        {
            < 20 => CreateOwn(k, data),
            < 32 => Sequential(k, data),
            < 55 => ownPaths.Count == 0 ? CreateOwn(k, data) : SetOwn(k, data),
            < 65 => SetShared(k, data),
            < 70 => ownPaths.Count < 3 ? CreateOwn(k, data) : Delete(k),
            < 88 => Multi(k, data),
            < 91 => FailingMulti(k, data),
            _ => Ephemeral(k, data),
        };
    }

    private (CrashOp, OpCode, IJuteRecord) CreateOwn(int k, string data)
    {
        var op = new CrashOp(index, k, CrashOpKind.Create);
        var path = string.Create(CultureInfo.InvariantCulture, $"{Home}/n{k}");
        op.Add(CrashWriteKind.Create, path, data, 0);
        ownVersions[path] = 0;
        ownPaths.Add(path);
        return (op, OpCode.Create2, new CreateRequest(path, Bytes(data), Acl.OpenAclUnsafe, (int)CreateMode.Persistent));
    }

    private (CrashOp, OpCode, IJuteRecord) Sequential(int k, string data)
    {
        var op = new CrashOp(index, k, CrashOpKind.SequentialCreate);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{root}/seq/s{index}-");
        op.Add(CrashWriteKind.Create, prefix, data, 0);
        return (op, OpCode.Create2, new CreateRequest(prefix, Bytes(data), Acl.OpenAclUnsafe, (int)CreateMode.PersistentSequential));
    }

    private (CrashOp, OpCode, IJuteRecord) SetOwn(int k, string data)
    {
        var op = new CrashOp(index, k, CrashOpKind.SetOwn);
        var path = ownPaths[random.Next(ownPaths.Count)];
        var version = ownVersions[path];
        op.Add(CrashWriteKind.SetData, path, data, version + 1);
        ownVersions[path] = version + 1;
        return (op, OpCode.SetData, new SetDataRequest(path, Bytes(data), version));
    }

    private (CrashOp, OpCode, IJuteRecord) SetShared(int k, string data)
    {
        var op = new CrashOp(index, k, CrashOpKind.SetShared);
        var path = string.Create(CultureInfo.InvariantCulture, $"{root}/shared{random.Next(sharedNodes)}");
        op.Add(CrashWriteKind.SetData, path, data, null);
        return (op, OpCode.SetData, new SetDataRequest(path, Bytes(data), -1));
    }

    private (CrashOp, OpCode, IJuteRecord) Delete(int k)
    {
        var op = new CrashOp(index, k, CrashOpKind.Delete);
        var at = random.Next(ownPaths.Count);
        var path = ownPaths[at];
        var version = ownVersions[path];
        op.Add(CrashWriteKind.Delete, path, string.Empty, null);
        ownPaths.RemoveAt(at);
        ownVersions.Remove(path);
        return (op, OpCode.Delete, new DeleteRequest(path, version));
    }

    private (CrashOp, OpCode, IJuteRecord) Multi(int k, string data)
    {
        var number = multis++;
        var op = new CrashOp(index, k, CrashOpKind.Multi) { MultiNumber = number };
        var a = string.Create(CultureInfo.InvariantCulture, $"{Home}/m{number}a");
        var b = string.Create(CultureInfo.InvariantCulture, $"{Home}/m{number}b");
        var ops = new List<MultiOp>
        {
            MultiOp.Create(new CreateRequest(a, Bytes(data + ".a"), Acl.OpenAclUnsafe, (int)CreateMode.Persistent)),
            MultiOp.SetData(new SetDataRequest(MultiCounter, Bytes(data + ".mc"), number)),
            MultiOp.Create(new CreateRequest(b, Bytes(data + ".b"), Acl.OpenAclUnsafe, (int)CreateMode.Persistent)),
        };
        op.Add(CrashWriteKind.Create, a, data + ".a", 0);
        op.Add(CrashWriteKind.SetData, MultiCounter, data + ".mc", number + 1);
        op.Add(CrashWriteKind.Create, b, data + ".b", 0);
        if (ownPaths.Count > 0 && random.Next(2) == 0)
        {
            var path = ownPaths[random.Next(ownPaths.Count)];
            var version = ownVersions[path];
            ops.Add(MultiOp.SetData(new SetDataRequest(path, Bytes(data + ".own"), version)));
            op.Add(CrashWriteKind.SetData, path, data + ".own", version + 1);
            ownVersions[path] = version + 1;
        }

        return (op, OpCode.Multi, new MultiRequest(ops));
    }

    private (CrashOp, OpCode, IJuteRecord) FailingMulti(int k, string data)
    {
        var op = new CrashOp(index, k, CrashOpKind.FailingMulti);
        var path = string.Create(CultureInfo.InvariantCulture, $"{Home}/f{k}");
        op.Add(CrashWriteKind.Create, path, data, 0);

        // The counter can never be at this version, so the whole multi must be rolled back, its create included.
        op.Add(CrashWriteKind.SetData, MultiCounter, data + ".bad", null);
        var ops = new List<MultiOp>
        {
            MultiOp.Create(new CreateRequest(path, Bytes(data), Acl.OpenAclUnsafe, (int)CreateMode.Persistent)),
            MultiOp.SetData(new SetDataRequest(MultiCounter, Bytes(data + ".bad"), 1_000_000 + k)),
        };
        return (op, OpCode.Multi, new MultiRequest(ops));
    }

    private (CrashOp, OpCode, IJuteRecord) Ephemeral(int k, string data)
    {
        var op = new CrashOp(index, k, CrashOpKind.Ephemeral);
        var path = string.Create(CultureInfo.InvariantCulture, $"{root}/eph/s{index}-e{k}");
        op.Add(CrashWriteKind.Create, path, data, 0);
        return (op, OpCode.Create2, new CreateRequest(path, Bytes(data), Acl.OpenAclUnsafe, (int)CreateMode.Ephemeral));
    }

    private async Task CompleteAsync(CrashOp op, Task<WireReply> replyTask)
    {
        WireReply reply;
        try
        {
            reply = await replyTask.WaitAsync(ReplyTimeout);
        }
        catch (IOException)
        {
            op.Outcome = CrashOutcome.Unknown;
            return;
        }
        catch (TimeoutException)
        {
            Anomalies.Add($"{op}: no reply within {ReplyTimeout.TotalSeconds} s while the connection stayed open");
            op.Outcome = CrashOutcome.Unknown;
            return;
        }

        op.Zxid = reply.Zxid;
        if (op.Kind is CrashOpKind.Multi or CrashOpKind.FailingMulti)
        {
            RecordMulti(op, reply);
            return;
        }

        if (reply.Err != ErrorCode.Ok)
        {
            op.Outcome = CrashOutcome.Refused;
            Anomalies.Add($"{op}: the server answered {reply.Err} to a write that could not fail ({op.Writes[0]})");
            return;
        }

        var write = op.Writes[0];
        switch (op.Kind)
        {
            case CrashOpKind.Create or CrashOpKind.SequentialCreate or CrashOpKind.Ephemeral:
                var created = reply.Read<Create2Response>();
                write.Path = created.Path;
                Expect(op, created.Stat.Czxid == reply.Zxid && created.Stat.Version == 0, $"create reply stat {created.Stat} does not match the reply zxid 0x{reply.Zxid:x}");
                break;
            case CrashOpKind.SetOwn or CrashOpKind.SetShared:
                var stat = reply.Read<SetDataResponse>().Stat;
                Expect(op, stat.Mzxid == reply.Zxid, $"setData reply mzxid 0x{stat.Mzxid:x} is not the reply zxid 0x{reply.Zxid:x}");
                Expect(op, write.VersionAfter is null || write.VersionAfter == stat.Version, $"setData reply version {stat.Version}, expected {write.VersionAfter}");
                write.VersionAfter = stat.Version;
                break;
        }

        op.Outcome = CrashOutcome.Acked;
        acks.Acked();
    }

    private void RecordMulti(CrashOp op, WireReply reply)
    {
        var results = reply.Err == ErrorCode.Ok && reply.Body.Length > 0 ? reply.ReadMulti().Results : [];
        var failed = reply.Err != ErrorCode.Ok || results.Count == 0 || results.Any(r => r.IsError);
        if (op.Kind == CrashOpKind.FailingMulti)
        {
            op.Outcome = failed ? CrashOutcome.Refused : CrashOutcome.Acked;
            Expect(op, failed, "a multi with an impossible version succeeded");
            return;
        }

        if (failed)
        {
            op.Outcome = CrashOutcome.Refused;
            Anomalies.Add($"{op}: the multi failed (header {reply.Err}, results {string.Join(", ", results.Select(r => r.Err))}) though every op had to succeed");
            return;
        }

        if (results.Count != op.Writes.Count)
        {
            Anomalies.Add($"{op}: {results.Count} results for {op.Writes.Count} ops");
        }

        for (var i = 0; i < Math.Min(results.Count, op.Writes.Count); i++)
        {
            if (results[i].Response is SetDataResponse set)
            {
                Expect(op, set.Stat.Version == op.Writes[i].VersionAfter, $"multi setData {op.Writes[i].Path} answered version {set.Stat.Version}, expected {op.Writes[i].VersionAfter}");
                Expect(op, set.Stat.Mzxid == reply.Zxid, $"multi setData mzxid 0x{set.Stat.Mzxid:x} is not the reply zxid 0x{reply.Zxid:x}");
            }
        }

        op.Outcome = CrashOutcome.Acked;
        acks.Acked();
    }

    private void Expect(CrashOp op, bool condition, string problem)
    {
        if (!condition)
        {
            Anomalies.Add($"{op}: {problem}");
        }
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
