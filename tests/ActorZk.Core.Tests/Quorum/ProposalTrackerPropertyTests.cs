using ActorZk.Core.Quorum;
using CsCheck;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>
/// Random interleavings of proposals and acks (single and cumulative, from voters, observers and strangers, for
/// proposed, committed, future and epoch zxids) against a plain model of who acked what.
/// </summary>
public class ProposalTrackerPropertyTests
{
    private const long Epoch = 5;

    // An op: 0 = propose the next zxid; otherwise an ack (kind 1) or cumulative ack (kind 2) from server
    // `server` (voters 1..n, observer n+1, stranger n+2) of counter `counter` (0 is the epoch's zxid).
    private static readonly Gen<(int Kind, int Server, int Counter)> Ops =
        Gen.Select(Gen.Int[0, 2], Gen.Int[1, 7], Gen.Int[0, 14], (kind, server, counter) => (kind, server, counter));

    [Fact]
    public void Commits_are_in_zxid_order_and_only_after_a_voter_quorum()
        => Gen.Select(Gen.OneOfConst(3, 5), Ops.Array[1, 120])
            .Sample((voters, ops) => Check(voters, ops), iter: 1_000);

    private static void Check(int voterCount, (int Kind, int Server, int Counter)[] ops)
    {
        var config = QuorumConfig.Create(Enumerable.Range(1, voterCount).Select(i => (long)i), [voterCount + 1]);
        var tracker = new ProposalTracker(config, Epoch);
        var withoutObservers = new ProposalTracker(config, Epoch);
        var acked = new Dictionary<long, HashSet<long>>();
        var committed = new List<long>();
        var proposed = 0L;

        foreach (var (kind, serverDraw, counter) in ops)
        {
            if (kind == 0)
            {
                if (proposed >= 12)
                {
                    continue;
                }

                proposed++;
                tracker.Propose(Zxid.Make(Epoch, proposed));
                withoutObservers.Propose(Zxid.Make(Epoch, proposed));
                acked[Zxid.Make(Epoch, proposed)] = [];
                continue;
            }

            var server = (long)Math.Min(serverDraw, voterCount + 2);
            var zxid = Zxid.Make(Epoch, counter);

            // The model: an ack counts for a proposed txn that is not yet committed (a cumulative one for all of
            // those up to its zxid), from a voter, never for the epoch's zxid.
            if (config.IsVoter(server) && counter > 0)
            {
                foreach (var (z, set) in acked)
                {
                    if (!committed.Contains(z) && (kind == 1 ? z == zxid : z <= zxid))
                    {
                        set.Add(server);
                    }
                }
            }

            var result = kind == 1 ? tracker.Ack(server, zxid) : tracker.AckThrough(server, zxid);
            var expected = config.IsVoter(server)
                ? kind == 1 ? withoutObservers.Ack(server, zxid) : withoutObservers.AckThrough(server, zxid)
                : [];

            // Observers and strangers change nothing.
            Assert.Equal(expected, result);

            foreach (var z in result)
            {
                // Strictly in zxid order, each right after the previous one, and only with a quorum of voter acks.
                Assert.Equal(committed.Count == 0 ? Zxid.Make(Epoch, 1) : committed[^1] + 1, z);
                Assert.True(config.IsQuorum(acked[z]), $"0x{Zxid.ToHex(z)} committed with acks from {string.Join(",", acked[z])}");
                committed.Add(z);
            }

            // Nothing committable is left behind: the first outstanding proposal lacks a quorum.
            var next = (committed.Count == 0 ? Zxid.Make(Epoch, 0) : committed[^1]) + 1;
            if (acked.TryGetValue(next, out var nextAcks))
            {
                Assert.False(config.IsQuorum(nextAcks));
            }

            Assert.Equal(committed.Count == 0 ? Zxid.Make(Epoch, 0) : committed[^1], tracker.LastCommitted);
            Assert.Equal(proposed - committed.Count, tracker.OutstandingCount);
        }
    }
}
