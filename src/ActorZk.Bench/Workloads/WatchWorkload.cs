using ActorZk.Bench.Engine;
using ActorZk.Bench.Phases;
using ActorZk.Bench.Runner;
using ActorZk.Protocol;

namespace ActorZk.Bench.Workloads;

/// <summary>
/// Watch latency (see <see cref="WatchPhase"/>) over nodes <c>RUN/w/p{pair}-{slot}</c>, one per slot of each
/// watcher/writer pair.
/// </summary>
internal sealed class WatchWorkload : WorkloadBase
{
    private readonly string directory;
    private readonly byte[] prefix;
    private readonly int pairs;
    private readonly int slots;

    public WatchWorkload(RunContext context)
        : base(context)
    {
        directory = $"{context.RunPath}/w";
        prefix = ZnodePath.Utf8($"{directory}/p");
        pairs = context.Options.Sessions;
        slots = context.Options.Outstanding;
    }

    /// <inheritdoc />
    public override async Task SetupAsync(long warmupOps, long ops)
    {
        await Context.CreateNodeAsync(directory);
        await Context.BulkAsync($"create {pairs * slots} watched nodes", OpCode.Create, (long)pairs * slots, this, static (w, i, d) => w.Compose(i, d), CreateMode.Persistent, cleanup: false);
    }

    /// <inheritdoc />
    public override IPhase CreatePhase(long ops, CancellationToken stop)
        => new WatchPhase(
            Context.Sessions,
            slots,
            ClosedLoopPhase.SplitBudget(ops, pairs),
            (pair, slot) => Path(pair, slot),
            Context.Payload,
            Options.Duration,
            Options.Duration + DrainGrace,
            stop);

    /// <inheritdoc />
    public override async Task CleanupAsync()
    {
        await Context.BulkAsync("delete watched nodes", OpCode.Delete, (long)pairs * slots, this, static (w, i, d) => w.Compose(i, d), CreateMode.Persistent, cleanup: true);
        await Context.RemoveTreeAsync(directory, 1);
    }

    private byte[] Path(int pair, int slot)
    {
        Span<byte> path = stackalloc byte[ZnodePath.MaxLength];
        return path[..Compose(((long)pair * slots) + slot, path)].ToArray();
    }

    // Item n is (pair n / slots, slot n % slots); the name ends in the slot so an event's path tells its slot.
    private int Compose(long item, Span<byte> destination)
    {
        var pair = item / slots;
        var slot = item % slots;
        var length = ZnodePath.Compose(destination, prefix, pair);
        destination[length++] = (byte)'-';
        slot.TryFormat(destination[length..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        return length + digits;
    }
}
