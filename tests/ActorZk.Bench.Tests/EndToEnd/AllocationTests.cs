using ActorZk.Bench.Engine;
using ActorZk.Bench.Options;
using ActorZk.Bench.Runner;
using ActorZk.Bench.Workloads;

namespace ActorZk.Bench.Tests.EndToEnd;

/// <summary>
/// The measured loop allocates nothing per request: a phase against a real server allocates a fixed amount (its
/// own objects, the merged histogram), so ten times the ops costs no more allocation than one time.
/// </summary>
[Collection(NoParallel.Name)]
public sealed class AllocationTests : IClassFixture<ApacheZooKeeper>
{
    private readonly ApacheZooKeeper server;

    public AllocationTests(ApacheZooKeeper server)
    {
        this.server = server;
    }

    [ZooKeeperTheory]
    [InlineData("get")]
    [InlineData("set")]
    [InlineData("create")]
    [InlineData("ephemeral-seq")]
    [InlineData("watch")]
    public async Task A_phase_allocates_nothing_per_request(string name)
    {
        var options = OptionParser.Parse(
        [
            "--servers", $"127.0.0.1:{server.Port}", "--workload", name, "--sessions", "2", "--outstanding", "8",
            "--duration", "60", "--root", $"/bench-alloc-{name}",
        ])!;
        const long small = 2_000;
        const long large = 20_000;
        var sessionCount = WorkloadBase.SessionCount(options);
        await using var pool = await SessionPool.OpenAsync(options.Servers, sessionCount, options.SessionTimeoutMs, TimeSpan.FromSeconds(30));
        var context = new RunContext(options, pool.Sessions, options.Root, TextWriter.Null);
        await context.CreateNodeAsync(options.Root);
        var workload = WorkloadBase.Create(context);
        try
        {
            await workload.SetupAsync(large, small + large);

            // The first phase warms up the JIT and grows the buffers.
            await workload.CreatePhase(large, CancellationToken.None).RunAsync();
            var smallBytes = await AllocatedByPhaseAsync(workload, small);
            var largeBytes = await AllocatedByPhaseAsync(workload, large);

            // Less than a byte per extra request: nothing is allocated per request (a stray timer or
            // thread-pool object may still be, hence not an exact equality).
            Assert.True(largeBytes - smallBytes < large - small, $"{smallBytes} bytes for {small} ops, {largeBytes} bytes for {large} ops");
        }
        finally
        {
            await workload.CleanupAsync();
            await context.RemoveTreeAsync(options.Root, 2);
        }
    }

    private static async Task<long> AllocatedByPhaseAsync(WorkloadBase workload, long ops)
    {
        var phase = workload.CreatePhase(ops, CancellationToken.None);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await phase.RunAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(ops, result.Ops);
        return allocated;
    }
}
