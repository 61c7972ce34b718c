using ActorZk.Core.Quorum;
using CsCheck;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>
/// Leader and learner histories shaped as Zab allows them, the plan carried out on the learner, and the result
/// compared with the leader's history.
/// </summary>
/// <remarks>
/// A history holds, for each epoch in it, a prefix of that epoch's proposals (counters 1..k). Two histories share
/// a prefix and then diverge: the learner's divergent part is the uncommitted tail of one epoch (continuing the
/// shared prefix's last epoch or starting a new one), and everything the leader has beyond the shared prefix is of
/// later epochs (a newer leader's history includes every established epoch's initial history). A learner that was
/// synced at an epoch start and logged nothing since reports that epoch's counter-0 zxid.
/// </remarks>
public class SyncPlannerPropertyTests
{
    private static readonly Gen<Histories> Cases =
        Gen.Select(
            Gen.Int[0, 3].Array[0, 3],
            Gen.Int[0, 4],
            Gen.Int[0, 3],
            Gen.Int[1, 4].Array[0, 3],
            Gen.Int[0, 2],
            Gen.Int[0, int.MaxValue],
            (shared, learnerTail, learnerMode, leaderSegments, windowDrop, flags)
                => Histories.Build(shared, learnerTail, learnerMode, leaderSegments, windowDrop, flags));

    [Fact]
    public void Carrying_out_the_plan_gives_the_learner_the_leaders_history()
        => Cases.Sample(h => Check(h, truncateAcrossEpochs: true), iter: 3_000);

    [Fact]
    public void ZooKeepers_rules_give_the_learner_the_leaders_history_too()
        => Cases.Sample(h => Check(h, truncateAcrossEpochs: false), iter: 3_000);

    private static void Check(Histories h, bool truncateAcrossEpochs)
    {
        var plan = SyncPlanner.Plan(h.Window, h.LeaderLastZxid, h.LearnerLastZxid, truncateAcrossEpochs);
        var min = h.Window.Count == 0 ? h.LeaderLastZxid : h.Window[0];
        var max = h.Window.Count == 0 ? h.LeaderLastZxid : h.Window[^1];
        List<long> result;
        switch (plan)
        {
            case DiffSync diff:
                Assert.Equal(h.Leader.Where(z => z <= diff.After), h.Learner);
                result = [.. h.Learner, .. Sent(h, diff.After, diff.UpTo)];
                break;
            case TruncSync trunc:
                Assert.True(h.Learner.Contains(trunc.TruncateTo) || trunc.TruncateTo == 0, $"truncated to 0x{Zxid.ToHex(trunc.TruncateTo)}, which the learner lacks");
                Assert.Equal(h.Leader.Where(z => z <= trunc.TruncateTo), h.Learner.Where(z => z <= trunc.TruncateTo));
                result = [.. h.Learner.Where(z => z <= trunc.TruncateTo), .. Sent(h, trunc.TruncateTo, trunc.UpTo)];
                break;
            case SnapSync snap:
                Assert.Equal(h.LeaderLastZxid, snap.SnapshotZxid);

                // A snapshot only when the window does not reach back far enough (or ZooKeeper's cross-epoch rule).
                var learnerAtEpochStart = Zxid.IsEpochStart(h.LearnerLastZxid);
                Assert.True(
                    h.LearnerLastZxid < min
                    || (learnerAtEpochStart && h.LearnerLastZxid > max)
                    || (!truncateAcrossEpochs && !h.Leader.Contains(h.LearnerLastZxid) && !learnerAtEpochStart),
                    $"needless snapshot for {h}");
                result = [.. h.Leader];
                break;
            default:
                throw new InvalidOperationException(plan.ToString());
        }

        Assert.Equal(h.Leader, result);
        Assert.Equal(h.Leader.Count == 0 ? plan.SyncedThrough : Math.Max(h.Leader[^1], plan.SyncedThrough), plan.SyncedThrough);
    }

    // What the leader sends after the op packet: window txns in (after, upTo]; they must all be in the window.
    private static List<long> Sent(Histories h, long after, long upTo)
    {
        var needed = h.Leader.Where(z => z > after && z <= upTo).ToList();
        var sent = h.Window.Where(z => z > after && z <= upTo).ToList();
        Assert.Equal(needed, sent);
        return sent;
    }

    internal sealed record Histories(List<long> Leader, List<long> Learner, List<long> Window, long LeaderLastZxid, long LearnerLastZxid)
    {
        public static Histories Build(int[] shared, int learnerTail, int learnerMode, int[] leaderSegments, int windowDrop, int flags)
        {
            // The shared prefix: epochs 1, 2, ... with gaps where an epoch left nothing; shared[i] txns in the i-th.
            var common = new List<long>();
            var epoch = 0L;
            foreach (var count in shared)
            {
                epoch += 1 + (flags & 1);
                flags >>= 1;
                for (var c = 1; c <= count; c++)
                {
                    common.Add(Zxid.Make(epoch, c));
                }
            }

            var lastEpoch = common.Count == 0 ? 0 : Zxid.EpochOf(common[^1]);
            var lastCounter = common.Count == 0 ? 0 : Zxid.CounterOf(common[^1]);
            var learner = new List<long>(common);
            var learnerLast = common.Count == 0 ? 0 : common[^1];
            var divergedAt = lastEpoch;
            var learnerEpochStart = -1L;

            if (learnerTail > 0 && learnerMode == 0 && common.Count > 0)
            {
                // The learner logged more of the last shared epoch (an old leader's uncommitted proposals).
                for (var c = 1; c <= learnerTail; c++)
                {
                    learner.Add(Zxid.Make(lastEpoch, lastCounter + c));
                }
            }
            else if (learnerTail > 0 && learnerMode <= 2)
            {
                // The learner logged proposals of a newer epoch that the leader never saw.
                divergedAt = epoch + 1 + (learnerMode == 2 ? 1 : 0);
                for (var c = 1; c <= learnerTail; c++)
                {
                    learner.Add(Zxid.Make(divergedAt, c));
                }
            }
            else if (learnerMode == 3)
            {
                // The learner was synced at the start of a newer epoch and logged nothing since.
                learnerEpochStart = epoch + 1;
                divergedAt = learnerEpochStart - 1;
            }

            if (learner.Count > common.Count)
            {
                learnerLast = learner[^1];
            }

            // The leader: the shared prefix, then epochs later than the divergence (or, if the learner has no tail,
            // possibly more of the last shared epoch).
            var leader = new List<long>(common);
            var leaderEpoch = Math.Max(divergedAt, epoch);
            var first = true;
            foreach (var count in leaderSegments)
            {
                if (first && learner.Count == common.Count && learnerEpochStart < 0 && common.Count > 0 && (flags & 1) == 1)
                {
                    for (var c = 1; c <= count; c++)
                    {
                        leader.Add(Zxid.Make(lastEpoch, lastCounter + c));
                    }
                }
                else
                {
                    leaderEpoch += learnerEpochStart > 0 && first ? 0 : 1;
                    if (learnerEpochStart > 0 && first)
                    {
                        leaderEpoch = learnerEpochStart;
                    }

                    for (var c = 1; c <= count; c++)
                    {
                        leader.Add(Zxid.Make(leaderEpoch, c));
                    }
                }

                flags >>= 1;
                first = false;
            }

            if (learnerEpochStart > 0)
            {
                learnerLast = Zxid.Make(learnerEpochStart, 0);
            }

            // The leader's last zxid: its last txn, or its own new epoch's NEWLEADER zxid.
            var topEpoch = Math.Max(leader.Count == 0 ? 0 : Zxid.EpochOf(leader[^1]), Math.Max(Zxid.EpochOf(learnerLast), leaderEpoch));
            var leaderLast = (flags & 2) == 2 || leader.Count == 0 ? Zxid.Make(topEpoch + 1, 0) : leader[^1];

            // The window: the leader's history without its oldest txns.
            var window = leader.Skip(Math.Min(windowDrop, leader.Count)).ToList();
            return new Histories(leader, learner, window, leaderLast, learnerLast);
        }

        public override string ToString()
            => $"leader=[{Hex(Leader)}] learner=[{Hex(Learner)}] window=[{Hex(Window)}] leaderLast={Zxid.ToHex(LeaderLastZxid)} learnerLast={Zxid.ToHex(LearnerLastZxid)}";

        private static string Hex(List<long> zxids) => string.Join(",", zxids.Select(Zxid.ToHex));
    }
}
