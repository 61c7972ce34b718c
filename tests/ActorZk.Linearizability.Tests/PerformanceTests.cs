using System.Diagnostics;
using ActorZk.Linearizability.Znodes;
using Xunit.Abstractions;

namespace ActorZk.Linearizability.Tests;

/// <summary>Bounded-size histories checked within a budget; no timing assertions, only that the answer is definite
/// and right.</summary>
public sealed class PerformanceTests(ITestOutputHelper output)
{
    private static readonly CheckOptions Budget = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public void Five_thousand_operations_on_five_paths_by_eight_clients()
    {
        // Windows up to 8 slots wide on each side: about 8 operations in flight at any time, like 8 clients.
        var history = GeneratedHistory.Build(GeneratedHistory.RandomSpecs(seed: 42, count: 5_000, paths: 5, spread: 8), clients: 8);
        var watch = Stopwatch.StartNew();
        var result = ZooKeeperChecks.CheckLinearizability(history, Budget);
        output.WriteLine($"{history.Operations.Count} ops in {watch.ElapsedMilliseconds} ms");
        output.WriteLine(result.Explain());
        Assert.Equal(CheckOutcome.Linearizable, result.Outcome);
    }

    [Fact]
    public void Five_thousand_operations_with_one_bad_read_are_refuted()
    {
        var history = GeneratedHistory.Build(GeneratedHistory.RandomSpecs(seed: 7, count: 5_000, paths: 5, spread: 8), clients: 8);
        var victim = history.Operations.Where(o => o.Input.Kind == ZkOpKind.Read && !o.IsIndeterminate).Skip(300).First();
        var mutated = history with
        {
            Operations = [.. history.Operations.Select(o => o.Id == victim.Id ? o with { Output = ZkOutput.Value("never-written", 0) } : o)],
        };
        var watch = Stopwatch.StartNew();
        var result = ZooKeeperChecks.CheckLinearizability(mutated, Budget);
        output.WriteLine($"{history.Operations.Count} ops in {watch.ElapsedMilliseconds} ms");
        output.WriteLine(result.Explain());
        Assert.Equal(CheckOutcome.NotLinearizable, result.Outcome);
        Assert.Contains($"#{victim.Id} ", result.Explain(), StringComparison.Ordinal);
    }
}
