using ActorZk.Bench.Engine;
using ActorZk.Bench.Phases;
using ActorZk.Bench.Runner;
using ActorZk.Protocol;

namespace ActorZk.Bench.Workloads;

/// <summary>A workload measured by a <see cref="ClosedLoopPhase"/>: it only says what each slot sends next.</summary>
internal abstract class ClosedLoopWorkload : WorkloadBase, IRequestSource
{
    protected ClosedLoopWorkload(RunContext context)
        : base(context)
    {
    }

    /// <inheritdoc />
    public override IPhase CreatePhase(long ops, CancellationToken stop)
        => new ClosedLoopPhase(
            Context.Sessions,
            this,
            ClosedLoopPhase.SplitBudget(ops, Context.Sessions.Count),
            Options.Outstanding,
            Options.Duration,
            Options.Duration + DrainGrace,
            measureLatency: true,
            stop);

    /// <inheritdoc />
    public abstract bool Issue(BenchSession session, int slot);

    /// <inheritdoc />
    public virtual ErrorCode OnReply(BenchSession session, int slot, OpCode op, ErrorCode err, ReadOnlySpan<byte> body) => err;

    /// <inheritdoc />
    public virtual bool IsExpected(OpCode op, ErrorCode err) => false;

    /// <summary>One UTF-8 prefix per session, e.g. <c>/root/run-1/c/s3-</c>, to which a sequence number is appended.</summary>
    protected byte[][] SessionPrefixes(string directory)
        => [.. Enumerable.Range(0, Context.Sessions.Count).Select(i => ZnodePath.Utf8($"{directory}/s{i}-"))];
}
