using System.Diagnostics;
using System.Globalization;
using ActorZk.Ensemble.Tests.Infrastructure;
using ActorZk.Linearizability;
using ActorZk.Linearizability.Znodes;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>
/// Concurrent clients write, compare-and-set and sync+read a few znodes on a 3 voters + 1 observer ensemble while the
/// leader is killed and restarted and a follower is frozen; every history must be linearizable (sync+read counted
/// as a linearizable read) and every session must keep ZooKeeper's promise for plain reads (never older than what it
/// saw, always its own writes). CI runs one round; tests/ensemble/lincheck-soak.sh runs many
/// (ACTORZK_LINCHECK_ROUNDS) and records the result in docs/linearizability.md.
/// </summary>
public sealed class LinearizabilityTests(ITestOutputHelper output) : ScenarioBase(output)
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("ACTORZK_LINCHECK_ROUNDS"), out var r) && r > 0 ? r : 1;

    [EnsembleFact]
    public Task Histories_under_leader_kills_and_a_frozen_follower_are_linearizable() => RunAsync(
        3,
        1,
        TimeSpan.FromMinutes(3 + (2 * Rounds)),
        async ensemble =>
        {
            var operations = 0;
            var indeterminate = 0;
            for (var round = 1; round <= Rounds; round++)
            {
                var seed = Environment.TickCount ^ round;
                var workload = new ZooKeeperWorkload(new ZooKeeperWorkloadOptions
                {
                    // Each client's host list starts with a different member, so sessions land on every member.
                    ConnectionStrings = [.. ensemble.Members.Select(m => string.Join(',', ensemble.Members.Skip(m.Id - 1).Concat(ensemble.Members.Take(m.Id - 1)).Select(x => x.Address)))],
                    Paths = 3,
                    Clients = 6,
                    OperationsPerClient = 400,
                    Duration = TimeSpan.FromSeconds(18),

                    // 400 ops with 30 ms between them take about 13 s: the history spans the faults below (a fast
                    // ensemble did all 2,400 in under 3 s, before the leader was even killed).
                    Pause = TimeSpan.FromMilliseconds(30),
                    Seed = seed,
                    SessionTimeout = TimeSpan.FromSeconds(8),
                    RequestTimeout = TimeSpan.FromSeconds(4),
                });
                var run = workload.RunAsync();
                await InjectFaultsAsync(ensemble, run);
                var history = await run;

                var watch = Stopwatch.StartNew();
                var linearizable = ZooKeeperChecks.CheckLinearizability(history, new CheckOptions { Timeout = TimeSpan.FromSeconds(60) });
                var sessions = ZooKeeperChecks.CheckSessions(history);
                var ops = history.Operations.Count;
                var unknown = history.Operations.Count(o => o.IsIndeterminate);
                operations += ops;
                indeterminate += unknown;
                ensemble.Report(string.Create(
                    CultureInfo.InvariantCulture,
                    $"lincheck round {round}/{Rounds} seed {seed}: {ops} ops ({unknown} indeterminate), {linearizable.Outcome}, {sessions.Violations.Count} session violations, checked in {watch.ElapsedMilliseconds} ms"));
                if (linearizable.Outcome != CheckOutcome.Linearizable || !sessions.IsValid)
                {
                    var file = Path.Combine(Path.GetTempPath(), $"lincheck-ensemble-{EnsembleTarget.Impl}-{seed}.json");
                    history.Save(file);
                    ensemble.Log($"history saved to {file}");
                }

                Assert.True(linearizable.Outcome == CheckOutcome.Linearizable, linearizable.Explain());
                Assert.True(sessions.IsValid, sessions.Explain());
            }

            ensemble.Report($"lincheck total: {Rounds} rounds, {operations} ops ({indeterminate} indeterminate), 0 violations");
        });

    /// <summary>Kill the leader, bring it back, freeze a follower for a while: all inside the workload's 18 s.</summary>
    private static async Task InjectFaultsAsync(Infrastructure.Ensemble ensemble, Task workload)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(30));

        // A round whose clients are done before the first fault would check nothing the faults could break.
        Assert.False(workload.IsCompleted, "the workload ended before the leader was killed");
        await ensemble.KillAsync(leader);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await ensemble.StartMemberAsync(leader);
        var newLeader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var follower = ensemble.Members.First(m => m.Id != newLeader && !m.IsObserver).Id;
        await ensemble.FreezeAsync(follower);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await ensemble.ThawAsync(follower);
        await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
    }
}
