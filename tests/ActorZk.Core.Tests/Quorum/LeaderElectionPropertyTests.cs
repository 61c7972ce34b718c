using ActorZk.Core.Quorum;
using CsCheck;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>
/// Ensembles of 3 or 5 voters (and up to 2 observers) with random logs, run through <see cref="ElectionSimulation"/>
/// under random delivery orders, with and without message loss.
/// </summary>
public class LeaderElectionPropertyTests
{
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(
            Gen.OneOfConst(3, 5),
            Gen.Int[0, 2],
            Gen.Int[0, 2].Array[7],
            Gen.Int[0, 2].Array[7],
            Gen.Int[0, 3].Array[7],
            Gen.Int[0, int.MaxValue],
            (voters, observers, peerEpochs, zxidEpochs, counters, seed)
                => new Scenario(voters, observers, peerEpochs, zxidEpochs, counters, seed));

    [Fact]
    public void Timely_elections_all_decide_the_best_voter()
        => Scenarios.Sample(
            s =>
            {
                var sim = s.Simulation(timely: true, lossRate: 0);
                sim.Start(sim.Config.Members);
                sim.Run(maxEvents: 20_000, maxTimeoutRounds: 20);
                Explain(sim, () =>
                {
                    CheckEveryDecision(sim);
                    var best = sim.Config.Voters.MaxBy(v => Rank(sim.Initial[v]));

                    // Liveness and agreement: everyone decided, all on the best voter, and exactly one leads.
                    Assert.All(sim.Members.Values, m => Assert.NotEqual(ServerState.Looking, m.State));
                    Assert.All(sim.Decisions, d => Assert.Equal(best, d.Vote.Leader));
                    Assert.Equal(best, Assert.Single(sim.Members.Values, m => m.State == ServerState.Leading).MyId);
                    Assert.All(sim.Config.Observers, o => Assert.Equal(ServerState.Observing, sim.Members[o].State));
                });
            },
            iter: 300);

    [Fact]
    public void Timely_elections_with_a_crashed_minority_decide_the_best_live_voter_without_the_finalize_wait()
        => Scenarios.Sample(
            s =>
            {
                var sim = s.Simulation(timely: true, lossRate: 0);
                var random = new Random(s.Seed);
                var crashed = sim.Config.Voters.OrderBy(_ => random.Next())
                    .Take(random.Next(sim.Config.Voters.Count - sim.Config.QuorumSize + 1))
                    .ToList();
                var live = sim.Config.Members.Except(crashed).ToList();
                sim.Crash(crashed);
                sim.Start(live);
                sim.Run(maxEvents: 20_000, maxTimeoutRounds: 20);
                Explain(sim, () =>
                {
                    CheckEveryDecision(sim);
                    var best = sim.Config.Voters.Except(crashed).MaxBy(v => Rank(sim.Initial[v]));
                    Assert.All(live, m => Assert.NotEqual(ServerState.Looking, sim.Members[m].State));
                    Assert.All(sim.Decisions, d => Assert.Equal(best, d.Vote.Leader));
                    Assert.Equal(best, Assert.Single(sim.Members.Values, m => m.State == ServerState.Leading).MyId);

                    // Every vote that could come came, and every dead member's connection is known down: no waiting.
                    Assert.Empty(sim.DecidedAfterFinalizeWait);
                });
            },
            iter: 300);

    [Fact]
    public void Timely_restarts_of_a_minority_rejoin_the_established_leader()
        => Scenarios.Sample(
            s =>
            {
                var sim = s.Simulation(timely: true, lossRate: 0);
                sim.Start(sim.Config.Members);
                sim.Run(maxEvents: 20_000, maxTimeoutRounds: 20);
                var leader = sim.Members.Values.Single(m => m.State == ServerState.Leading).MyId;

                // The epoch is established: everybody reports the new peer epoch (ZOOKEEPER-1732).
                var newEpoch = sim.Initial.Values.Max(v => v.PeerEpoch) + 1;
                foreach (var member in sim.Members.Values)
                {
                    member.UpdatePeerEpoch(newEpoch);
                }

                // Restart as many followers as can go without losing the quorum, and any observers.
                var random = new Random(s.Seed);
                var followers = sim.Config.Voters.Where(v => v != leader).OrderBy(_ => random.Next()).ToList();
                var restarted = followers.Take(random.Next(sim.Config.Voters.Count - sim.Config.QuorumSize + 1))
                    .Concat(sim.Config.Observers.Where(_ => random.Next(2) == 0))
                    .ToList();
                var before = sim.Decisions.Count;
                sim.Start(restarted);
                sim.Run(maxEvents: 20_000, maxTimeoutRounds: 20);

                Explain(sim, () =>
                {
                    var rejoined = sim.Decisions.Skip(before).ToList();
                    Assert.Equal(restarted.Order(), rejoined.Select(d => d.Member).Order());
                    Assert.All(rejoined, d =>
                    {
                        Assert.Equal(leader, d.Vote.Leader);
                        Assert.Equal(newEpoch, d.Vote.PeerEpoch);
                        Assert.Equal(sim.Config.IsVoter(d.Member) ? ServerState.Following : ServerState.Observing, d.Role);
                    });
                    Assert.Single(sim.Members.Values, m => m.State == ServerState.Leading);
                });
            },
            iter: 200);

    [Fact]
    public void Lossy_asynchronous_elections_only_decide_leaders_that_outrank_a_quorum()
        => Gen.Select(Scenarios, Gen.Double[0, 0.4])
            .Sample(
                (s, lossRate) =>
                {
                    var sim = s.Simulation(timely: false, lossRate);
                    sim.Start(sim.Config.Members);
                    sim.Run(maxEvents: 5_000, maxTimeoutRounds: 5);
                    Explain(sim, () =>
                    {
                        CheckEveryDecision(sim);

                        // FastLeaderElection is not consensus: two leaders may be decided in one round. What Zab relies
                        // on is that at most one of them can gather a quorum of members that decided for it.
                        foreach (var round in sim.Decisions.GroupBy(d => d.Vote.ElectionEpoch))
                        {
                            var backed = round.GroupBy(d => d.Vote.Leader)
                                .Where(g => sim.Config.IsQuorum(g.Select(d => d.Member).ToList()))
                                .ToList();
                            Assert.True(backed.Count <= 1);
                        }
                    });
                },
                iter: 400);

    // Every decision: the leader is a voter, the role matches, the vote carries the leader's real data, and that
    // data ranks at least as high as the data of a quorum of voters.
    private static void CheckEveryDecision(ElectionSimulation sim)
    {
        foreach (var d in sim.Decisions)
        {
            var leader = d.Vote.Leader;
            Assert.True(sim.Config.IsVoter(leader));
            var expectedRole = leader == d.Member ? ServerState.Leading
                : sim.Config.IsVoter(d.Member) ? ServerState.Following : ServerState.Observing;
            Assert.Equal(expectedRole, d.Role);
            Assert.Equal(sim.Initial[leader].Zxid, d.Vote.Zxid);
            Assert.Equal(sim.Initial[leader].PeerEpoch, d.Vote.PeerEpoch);
            var outranked = sim.Config.Voters.Where(v => Rank(sim.Initial[leader]).CompareTo(Rank(sim.Initial[v])) >= 0).ToList();
            Assert.True(sim.Config.IsQuorum(outranked), $"leader {leader} outranks only {string.Join(",", outranked)}");
        }
    }

    // ZooKeeper's order, written out independently of Vote.CompareCandidates: peer epoch, then zxid, then id.
    private static (long PeerEpoch, long Zxid, long Id) Rank(Vote v) => (v.PeerEpoch, v.Zxid, v.Leader);

    private static void Explain(ElectionSimulation sim, Action check)
    {
        try
        {
            check();
        }
        catch (Exception ex) when (ex is not CsCheckException)
        {
            var data = string.Join(", ", sim.Initial.Select(kv => $"{kv.Key}:{kv.Value}"));
            throw new InvalidOperationException($"{ex.Message}\n{data}\n{string.Join("\n", sim.Trace.TakeLast(300))}", ex);
        }
    }

    /// <summary>A random ensemble: member i's currentEpoch, the epoch and counter of its last zxid, and the delivery seed.</summary>
    internal sealed record Scenario(int Voters, int Observers, int[] PeerEpochs, int[] ZxidEpochs, int[] Counters, int Seed)
    {
        public ElectionSimulation Simulation(bool timely, double lossRate)
        {
            var voters = Enumerable.Range(1, Voters).Select(i => (long)i).ToList();
            var observers = Enumerable.Range(Voters + 1, Observers).Select(i => (long)i).ToList();
            var config = QuorumConfig.Create(voters, observers);
            var initial = config.Members.ToDictionary(
                id => id,
                id =>
                {
                    var i = (int)id - 1;
                    var zxid = Zxid.Make(Math.Min(ZxidEpochs[i], PeerEpochs[i]), Counters[i]);
                    return new Vote(id, zxid, PeerEpochs[i], 0);
                });
            return new ElectionSimulation(config, initial, Seed, timely, lossRate);
        }

        public override string ToString()
            => $"voters={Voters} observers={Observers} peerEpochs=[{string.Join(",", PeerEpochs)}] zxidEpochs=[{string.Join(",", ZxidEpochs)}] counters=[{string.Join(",", Counters)}] seed={Seed}";
    }
}
