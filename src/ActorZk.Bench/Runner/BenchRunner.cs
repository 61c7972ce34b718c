using System.Diagnostics;
using ActorZk.Bench.Engine;
using ActorZk.Bench.Metrics;
using ActorZk.Bench.Options;
using ActorZk.Bench.Phases;
using ActorZk.Bench.Workloads;
using ActorZk.Protocol;

namespace ActorZk.Bench.Runner;

/// <summary>
/// One run: open the sessions, make the run's own tree under <c>--root</c>, set up, warm up, measure (with the
/// servers' CPU time around the measured phase only), and always remove the tree and close the sessions.
/// </summary>
internal static class BenchRunner
{
    /// <summary>Runs <paramref name="options"/>; the table and progress go to <paramref name="log"/>.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="log">Where progress, setup notes and (with --json) the table go.</param>
    /// <param name="interactive">Whether <paramref name="log"/> is a terminal (progress rewritten in place).</param>
    /// <param name="stop">Cancelled on Ctrl-C: the phase drains and cleanup still runs.</param>
    public static async Task<RunResult> RunAsync(BenchOptions options, TextWriter log, bool interactive, CancellationToken stop)
    {
        var sessionCount = WorkloadBase.SessionCount(options);
        var openTimeout = TimeSpan.FromSeconds(30 + (sessionCount / 10));
        await using var pool = await SessionPool.OpenAsync(options.Servers, sessionCount, options.SessionTimeoutMs, openTimeout);
        var runPath = $"{options.Root}/run-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}";
        var context = new RunContext(options, pool.Sessions, runPath, log);
        var createdAncestors = await CreateAncestorsAsync(context, options.Root);
        await context.CreateNodeAsync(runPath);
        var workload = WorkloadBase.Create(context);
        try
        {
            await workload.SetupAsync(options.Warmup, options.Ops);
            if (options.Servers.Count > 1)
            {
                // Sessions on other members than the one that made the setup's nodes must see them from the start.
                await context.SyncAllAsync(runPath);
            }

            if (options.Warmup > 0)
            {
                var warmup = await RunPhaseAsync(workload.CreatePhase(options.Warmup, stop), "warm-up", log, interactive);
                if (warmup.Errors.Total > 0)
                {
                    log.WriteLine($"warm-up: {warmup.Errors.Total} errors ({string.Join(", ", warmup.Errors.ByCode().Select(e => $"{e.Key} x{e.Value}"))})");
                }
            }

            var serverCpuBefore = options.ServerPids.Count > 0 ? ProcessCpu.ReadSeconds(options.ServerPids) : null;
            var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await RunPhaseAsync(workload.CreatePhase(options.Ops, stop), "measure", log, interactive);
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;
            var serverCpuAfter = options.ServerPids.Count > 0 ? ProcessCpu.ReadSeconds(options.ServerPids) : null;
            var seconds = result.Elapsed.TotalSeconds;
            return new RunResult
            {
                Workload = WorkloadNames.NameOf(options.Workload),
                Servers = options.ServersText,
                Sessions = options.Sessions,
                Outstanding = options.Outstanding,
                Payload = options.Payload,
                Ops = result.Ops,
                DurationSeconds = seconds,
                OpsPerSecond = seconds > 0 ? result.Ops / seconds : 0,
                P50Ms = result.Latency.ValueAtPercentile(50) / 1e6,
                P99Ms = result.Latency.ValueAtPercentile(99) / 1e6,
                P999Ms = result.Latency.ValueAtPercentile(99.9) / 1e6,
                MaxMs = result.Latency.Max / 1e6,
                MeanMs = result.Latency.Mean / 1e6,
                Errors = result.Errors.Total,
                ErrorsByCode = result.Errors.ByCode(),
                Failures = result.Failures,
                ClientCpuSeconds = clientCpu,
                ServerCpuSeconds = serverCpuBefore is { } before && serverCpuAfter is { } after ? after - before : null,
            };
        }
        finally
        {
            await CleanupAsync(context, workload, createdAncestors, log);
        }
    }

    private static async Task<PhaseResult> RunPhaseAsync(IPhase phase, string label, TextWriter log, bool interactive)
    {
        using var progress = new ProgressReporter(log, label, phase, interactive);
        return await phase.RunAsync();
    }

    /// <summary>Creates <paramref name="root"/> and its missing ancestors; returns those it created, deepest last.</summary>
    private static async Task<List<string>> CreateAncestorsAsync(RunContext context, string root)
    {
        var created = new List<string>();
        var path = string.Empty;
        foreach (var part in root.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = $"{path}/{part}";
            if (await context.CreateNodeAsync(path))
            {
                created.Add(path);
            }
        }

        return created;
    }

    private static async Task CleanupAsync(RunContext context, WorkloadBase workload, List<string> createdAncestors, TextWriter log)
    {
        try
        {
            await workload.CleanupAsync();
            await context.RemoveTreeAsync(context.RunPath, 2);

            // The root is shared by concurrent runs: it goes only if this run made it and nothing else is in it.
            for (var i = createdAncestors.Count - 1; i >= 0; i--)
            {
                if (await context.DeleteNodeAsync(createdAncestors[i]) != ErrorCode.Ok)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            log.WriteLine($"cleanup incomplete, {context.RunPath} may be left: {e.Message}");
        }
    }
}
