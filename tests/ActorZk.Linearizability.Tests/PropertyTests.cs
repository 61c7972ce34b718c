using ActorZk.Linearizability.Znodes;
using CsCheck;

namespace ActorZk.Linearizability.Tests;

public sealed class PropertyTests
{
    private static readonly Gen<(OpSpec[] Specs, int Clients)> Histories =
        Gen.Select(GeneratedHistory.Spec(paths: 2, spread: 4).Array[1, 60], Gen.Int[1, 8]);

    [Fact]
    public void Histories_from_a_sequential_run_with_windows_around_the_true_points_are_linearizable()
        => Histories.Sample(
            h =>
            {
                var result = ZooKeeperChecks.CheckLinearizability(GeneratedHistory.Build(h.Specs, h.Clients));
                Assert.True(result.Outcome == CheckOutcome.Linearizable, result.Explain());
            },
            iter: 300);

    [Fact]
    public void A_read_mutated_to_data_never_written_makes_them_not_linearizable()
        => Gen.Select(Histories, Gen.Int[0, int.MaxValue]).Sample(
            (h, pick) =>
            {
                var history = GeneratedHistory.Build(h.Specs, h.Clients);
                var reads = history.Operations.Where(o => o.Input.Kind == ZkOpKind.Read && !o.IsIndeterminate).ToList();
                if (reads.Count == 0)
                {
                    return;
                }

                // No write ever stores this data, so no state the read could be placed in holds it.
                var victim = reads[pick % reads.Count];
                var mutated = history with
                {
                    Operations = [.. history.Operations.Select(o => o.Id == victim.Id ? o with { Output = ZkOutput.Value("never-written", victim.Output!.Version < 0 ? 0 : victim.Output.Version) } : o)],
                };
                var result = ZooKeeperChecks.CheckLinearizability(mutated);
                Assert.True(result.Outcome == CheckOutcome.NotLinearizable, $"#{victim.Id} mutated, yet {result.Explain()}");
                Assert.Contains(result.Partitions, p => p.Partition == victim.Input.Path && p.Outcome == CheckOutcome.NotLinearizable);
            },
            iter: 300);

    [Fact]
    public void A_successful_setData_mutated_to_report_a_skipped_version_makes_them_not_linearizable()
        => Gen.Select(Histories, Gen.Int[0, int.MaxValue]).Sample(
            (h, pick) =>
            {
                var history = GeneratedHistory.Build(h.Specs, h.Clients);
                var sets = history.Operations.Where(o => o.Input.Kind == ZkOpKind.SetData && o.Output is { Error: Protocol.ErrorCode.Ok }).ToList();
                if (sets.Count == 0)
                {
                    return;
                }

                // A node's version goes up by exactly one per setData; no write can ever land it 1,000 further on.
                var victim = sets[pick % sets.Count];
                var mutated = history with
                {
                    Operations = [.. history.Operations.Select(o => o.Id == victim.Id ? o with { Output = ZkOutput.Set(victim.Output!.Version + 1000) } : o)],
                };
                Assert.Equal(CheckOutcome.NotLinearizable, ZooKeeperChecks.CheckLinearizability(mutated).Outcome);
            },
            iter: 200);
}
