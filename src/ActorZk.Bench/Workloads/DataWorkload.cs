using ActorZk.Bench.Engine;
using ActorZk.Bench.Options;
using ActorZk.Bench.Runner;
using ActorZk.Protocol;

namespace ActorZk.Bench.Workloads;

/// <summary>
/// get, set and mixed: reads and writes over <see cref="KeyCount"/> nodes <c>RUN/d/k{n}</c> of <c>--payload</c> bytes,
/// each session walking them from its own offset; mixed draws read or write per request from a per-session
/// xorshift generator seeded by the session index, so a run is repeatable.
/// </summary>
internal sealed class DataWorkload : ClosedLoopWorkload
{
    /// <summary>Nodes read and written: enough to spread the load, few enough to set up in a moment.</summary>
    public const int KeyCount = 256;

    private readonly string directory;
    private readonly byte[] keyPrefix;
    private readonly byte[][] keys;
    private readonly long[] cursor;
    private readonly ulong[] random;
    private readonly ulong readThreshold;

    public DataWorkload(RunContext context)
        : base(context)
    {
        directory = $"{context.RunPath}/d";
        keyPrefix = ZnodePath.Utf8($"{directory}/k");
        keys = new byte[KeyCount][];
        Span<byte> path = stackalloc byte[ZnodePath.MaxLength];
        for (var k = 0; k < KeyCount; k++)
        {
            keys[k] = path[..ZnodePath.Compose(path, keyPrefix, k)].ToArray();
        }

        var sessions = context.Sessions.Count;
        cursor = new long[sessions];
        random = new ulong[sessions];
        for (var i = 0; i < sessions; i++)
        {
            // Sessions start far apart so they do not all touch the same node at once.
            cursor[i] = (long)i * KeyCount / Math.Max(1, sessions);
            random[i] = 0x9E3779B97F4A7C15UL * (ulong)(i + 1);
        }

        readThreshold = Options.ReadRatio >= 1 ? ulong.MaxValue : (ulong)(Options.ReadRatio * ulong.MaxValue);
    }

    /// <inheritdoc />
    public override async Task SetupAsync(long warmupOps, long ops)
    {
        await Context.CreateNodeAsync(directory);
        await Context.BulkAsync($"create {KeyCount} nodes", OpCode.Create, KeyCount, keyPrefix, ComposeKey, CreateMode.Persistent, cleanup: false);
    }

    /// <inheritdoc />
    public override bool Issue(BenchSession session, int slot)
    {
        var index = session.Index;
        var key = keys[cursor[index]++ % KeyCount];
        var read = Options.Workload switch
        {
            Workload.Get => true,
            Workload.Set => false,
            _ => NextRandom(ref random[index]) < readThreshold,
        };
        return read
            ? session.GetData(key, false, slot)
            : session.SetData(key, Context.Payload, -1, slot);
    }

    /// <inheritdoc />
    public override async Task CleanupAsync()
    {
        await Context.BulkAsync($"delete {KeyCount} nodes", OpCode.Delete, KeyCount, keyPrefix, ComposeKey, CreateMode.Persistent, cleanup: true);
        await Context.RemoveTreeAsync(directory, 1);
    }

    private static int ComposeKey(byte[] prefix, long item, Span<byte> destination) => ZnodePath.Compose(destination, prefix, item);

    private static ulong NextRandom(ref ulong state)
    {
        // xorshift64: fast, allocation-free and good enough to interleave reads and writes.
        var x = state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        state = x;
        return x;
    }
}
