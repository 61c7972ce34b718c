using ActorZk.Core.Quorum;
using CsCheck;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>
/// Zab's discovery and synchronization with one or two would-be leaders at once (two members can both decide to
/// lead in one election round) and learners that register with every leader, messages delivered in any order and
/// some lost: <see cref="EpochNegotiation"/> on the leaders, <see cref="FollowerEpochState"/> everywhere.
/// </summary>
public class EpochNegotiationPropertyTests
{
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(
            Gen.OneOfConst(3, 5),
            Gen.Int[0, 1],
            Gen.Int[1, 2],
            Gen.Int[0, 3].Array[6],
            Gen.Int[0, 3].Array[6],
            Gen.Int[0, 3].Array[6],
            Gen.Int[0, int.MaxValue],
            (voters, observers, leaders, accepted, behind, counters, seed)
                => new Scenario(voters, observers, leaders, accepted, behind, counters, seed));

    [Fact]
    public void No_two_leaders_establish_the_same_epoch()
        => Gen.Select(Scenarios, Gen.Double[0, 0.3]).Sample((s, loss) => Run(s, loss), iter: 1_000);

    [Fact]
    public void A_single_leader_not_behind_anyone_establishes_its_epoch_without_losses()
        => Scenarios.Where(s => s.Leaders == 1).Sample(
            s =>
            {
                var run = Run(s, lossRate: 0);
                var leader = Assert.Single(run.Negotiations);
                var behind = run.Config.Members.Any(m => run.Initial[m].Summary.IsMoreRecentThan(leader.LeaderState));

                // A learner ahead of the leader fails it if its ACKEPOCH comes before the quorum's, as in ZooKeeper.
                Assert.Equal(EpochPhase.Established, behind && leader.Phase == EpochPhase.Failed ? EpochPhase.Established : leader.Phase);
            },
            iter: 500);

    private static Ensemble Run(Scenario s, double lossRate)
    {
        var run = new Ensemble(s);
        run.Execute(lossRate);
        var established = run.Negotiations.Where(n => n.Phase == EpochPhase.Established).ToList();

        // Every established epoch has exactly one leader.
        Assert.Equal(established.Count, established.Select(n => n.NewEpoch).Distinct().Count());
        foreach (var n in established)
        {
            var epoch = n.NewEpoch!.Value;

            // The epoch is above everything its quorum had accepted when it reported.
            Assert.All(n.EpochReporters, id => Assert.True(run.Reported[(n.LeaderId, id)] < epoch));

            // No learner counted in the epoch acks was ahead of the leader.
            Assert.All(n.EpochAckers.Where(id => id != n.LeaderId), id =>
                Assert.False(run.Acked[(n.LeaderId, id)].IsMoreRecentThan(n.LeaderState)));

            // Whoever acked NEWLEADER holds that epoch as current (or a later one).
            Assert.All(n.NewLeaderAckers, id => Assert.True(run.States[id].CurrentEpoch >= epoch));
        }

        // currentEpoch never passes acceptedEpoch.
        Assert.All(run.States.Values, st => Assert.True(st.CurrentEpoch <= st.AcceptedEpoch));
        return run;
    }

    internal sealed record Scenario(int Voters, int Observers, int Leaders, int[] Accepted, int[] Behind, int[] Counters, int Seed);

    private sealed class Ensemble
    {
        private readonly List<object> pool = [];
        private readonly Random random;
        private readonly Dictionary<long, EpochNegotiation> byLeader = [];
        private readonly Dictionary<long, List<long>> awaitingEpoch = [];
        private readonly Dictionary<long, List<long>> awaitingSync = [];

        public Ensemble(Scenario s)
        {
            random = new Random(s.Seed);
            Config = QuorumConfig.Create(
                Enumerable.Range(1, s.Voters).Select(i => (long)i),
                Enumerable.Range(s.Voters + 1, s.Observers).Select(i => (long)i));
            foreach (var id in Config.Members)
            {
                var i = (int)id - 1;
                var current = Math.Max(0, s.Accepted[i] - s.Behind[i]);
                var summary = new StateSummary(current, Zxid.Make(current, s.Counters[i]));
                Initial[id] = (s.Accepted[i], summary);
                States[id] = new FollowerEpochState(s.Accepted[i], current);
            }

            foreach (var leader in Config.Voters.OrderBy(_ => random.Next()).Take(s.Leaders))
            {
                var n = new EpochNegotiation(Config, leader, States[leader].AcceptedEpoch, Initial[leader].Summary);
                byLeader[leader] = n;
                awaitingEpoch[leader] = [];
                awaitingSync[leader] = [];
                Negotiations.Add(n);
            }
        }

        public QuorumConfig Config { get; }

        public Dictionary<long, (long Accepted, StateSummary Summary)> Initial { get; } = [];

        public Dictionary<long, FollowerEpochState> States { get; } = [];

        public List<EpochNegotiation> Negotiations { get; } = [];

        public Dictionary<(long Leader, long Learner), long> Reported { get; } = [];

        public Dictionary<(long Leader, long Learner), StateSummary> Acked { get; } = [];

        public void Execute(double lossRate)
        {
            foreach (var (leader, n) in byLeader)
            {
                Reported[(leader, leader)] = States[leader].AcceptedEpoch;
                Acked[(leader, leader)] = n.LeaderState;
                OnStep(leader, n.Start());
                foreach (var learner in Config.Members.Where(m => !byLeader.ContainsKey(m)))
                {
                    pool.Add(new Register(learner, leader));
                }
            }

            while (pool.Count > 0)
            {
                var index = random.Next(pool.Count);
                var message = pool[index];
                pool.RemoveAt(index);
                if (message is not Register && random.NextDouble() < lossRate)
                {
                    continue;
                }

                Deliver(message);
            }
        }

        private void Deliver(object message)
        {
            switch (message)
            {
                case Register r:
                    // FOLLOWERINFO carries the learner's acceptedEpoch as it is when it connects.
                    pool.Add(new FollowerInfo(r.Learner, r.Leader, States[r.Learner].AcceptedEpoch));
                    break;
                case FollowerInfo f when Live(f.Leader):
                    var n = byLeader[f.Leader];
                    Reported[(f.Leader, f.Learner)] = f.AcceptedEpoch;
                    awaitingEpoch[f.Leader].Add(f.Learner);
                    OnStep(f.Leader, n.FollowerInfo(f.Learner, f.AcceptedEpoch));
                    if (n.NewEpoch is { } known)
                    {
                        SendLeaderInfo(f.Leader, known);
                    }

                    break;
                case LeaderInfo li:
                    var reply = States[li.Learner].OnLeaderInfo(li.Epoch);
                    if (reply.Outcome != LeaderInfoOutcome.Refused)
                    {
                        var summary = new StateSummary(reply.AckCurrentEpoch, Initial[li.Learner].Summary.LastZxid);
                        pool.Add(new AckEpoch(li.Learner, li.Leader, summary));
                    }

                    break;
                case AckEpoch a when Live(a.Leader):
                    Acked[(a.Leader, a.Learner)] = a.Summary;
                    awaitingSync[a.Leader].Add(a.Learner);
                    OnStep(a.Leader, byLeader[a.Leader].AckEpoch(a.Learner, a.Summary));
                    if (byLeader[a.Leader].Phase is EpochPhase.CollectingNewLeaderAcks or EpochPhase.Established)
                    {
                        SendNewLeader(a.Leader);
                    }

                    break;
                case NewLeader nl:
                    if (States[nl.Learner].TryAcceptNewLeader(nl.Zxid))
                    {
                        pool.Add(new AckNewLeader(nl.Learner, nl.Leader, nl.Zxid));
                    }

                    break;
                case AckNewLeader ack when Live(ack.Leader):
                    OnStep(ack.Leader, byLeader[ack.Leader].AckNewLeader(ack.Learner, ack.Zxid));
                    break;
            }
        }

        private bool Live(long leader) => byLeader[leader].Phase != EpochPhase.Failed;

        private void OnStep(long leader, EpochStep step)
        {
            if (step.NewEpochDecided is { } epoch)
            {
                // The leader durably accepts its own epoch before any LEADERINFO goes out.
                Assert.Equal(LeaderInfoOutcome.Accepted, States[leader].OnLeaderInfo(epoch).Outcome);
                SendLeaderInfo(leader, epoch);
            }

            if (step.EpochAcksComplete)
            {
                // ... and its currentEpoch before any NEWLEADER.
                Assert.True(States[leader].TryAcceptNewLeader(byLeader[leader].NewLeaderZxid));
                SendNewLeader(leader);
            }
        }

        private void SendLeaderInfo(long leader, long epoch)
        {
            foreach (var learner in awaitingEpoch[leader])
            {
                pool.Add(new LeaderInfo(leader, learner, epoch));
            }

            awaitingEpoch[leader].Clear();
        }

        private void SendNewLeader(long leader)
        {
            foreach (var learner in awaitingSync[leader])
            {
                pool.Add(new NewLeader(leader, learner, byLeader[leader].NewLeaderZxid));
            }

            awaitingSync[leader].Clear();
        }

        private sealed record Register(long Learner, long Leader);

        private sealed record FollowerInfo(long Learner, long Leader, long AcceptedEpoch);

        private sealed record LeaderInfo(long Leader, long Learner, long Epoch);

        private sealed record AckEpoch(long Learner, long Leader, StateSummary Summary);

        private sealed record NewLeader(long Leader, long Learner, long Zxid);

        private sealed record AckNewLeader(long Learner, long Leader, long Zxid);
    }
}
