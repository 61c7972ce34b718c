using ActorZk.Bench.Options;
using ActorZk.Bench.Phases;
using ActorZk.Bench.Runner;

namespace ActorZk.Bench.Workloads;

/// <summary>A workload: how it prepares the servers, what a phase of it sends, and how it removes what it made.</summary>
internal abstract class WorkloadBase
{
    /// <summary>How long in-flight requests may take to come back after the time limit before they count as timed out.</summary>
    protected static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(15);

    protected WorkloadBase(RunContext context)
    {
        Context = context;
    }

    protected RunContext Context { get; }

    protected BenchOptions Options => Context.Options;

    /// <summary>Sessions a run of <paramref name="options"/> opens: watch pairs a writer with each watcher.</summary>
    public static int SessionCount(BenchOptions options)
        => options.Workload == Workload.Watch ? options.Sessions * 2 : options.Sessions;

    /// <summary>The workload <paramref name="context"/>'s options ask for.</summary>
    public static WorkloadBase Create(RunContext context) => context.Options.Workload switch
    {
        Workload.Create => new CreateWorkload(context),
        Workload.Get or Workload.Set or Workload.Mixed => new DataWorkload(context),
        Workload.Delete => new DeleteWorkload(context),
        Workload.GetChildren => new GetChildrenWorkload(context),
        Workload.EphemeralSequential => new EphemeralSequentialWorkload(context),
        Workload.Watch => new WatchWorkload(context),
        _ => throw new ArgumentOutOfRangeException(nameof(context), context.Options.Workload, "unknown workload"),
    };

    /// <summary>Makes the nodes the phases need, for a warm-up of <paramref name="warmupOps"/> and a measurement of <paramref name="ops"/>.</summary>
    public abstract Task SetupAsync(long warmupOps, long ops);

    /// <summary>A phase of <paramref name="ops"/> operations, capped by <c>--duration</c>.</summary>
    public abstract IPhase CreatePhase(long ops, CancellationToken stop);

    /// <summary>Removes what setup and the phases made (the run's node itself is swept by the runner).</summary>
    public abstract Task CleanupAsync();
}
