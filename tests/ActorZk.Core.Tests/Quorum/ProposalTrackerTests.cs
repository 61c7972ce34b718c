using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors Leader.propose, Leader.processAck and Leader.tryToCommit.</summary>
public class ProposalTrackerTests
{
    private static readonly QuorumConfig Five = QuorumConfig.Create([1, 2, 3, 4, 5], [6]);

    [Fact]
    public void A_proposal_commits_once_a_quorum_including_the_leader_acked()
    {
        var t = Tracker(proposals: 1);
        var zxid = Z(1);
        Assert.Empty(t.Ack(1, zxid));
        Assert.Empty(t.Ack(2, zxid));
        Assert.Equal([zxid], t.Ack(3, zxid));
        Assert.Equal(zxid, t.LastCommitted);
        Assert.Equal(0, t.OutstandingCount);
    }

    [Fact]
    public void The_leaders_ack_is_not_implied()
    {
        // The leader acks through its own AckRequestProcessor after its own log sync, like anyone else.
        var t = Tracker(proposals: 1);
        t.Ack(2, Z(1));
        t.Ack(3, Z(1));
        Assert.Equal([Z(1)], t.Ack(4, Z(1)));
    }

    [Fact]
    public void A_later_proposal_waits_for_every_earlier_one()
    {
        // tryToCommit: outstandingProposals.containsKey(zxid - 1) -> false.
        var t = Tracker(proposals: 3);
        foreach (var id in new long[] { 1, 2, 3 })
        {
            Assert.Empty(t.Ack(id, Z(3)));
        }

        foreach (var id in new long[] { 1, 2, 3 })
        {
            Assert.Empty(t.Ack(id, Z(2)));
        }

        Assert.Empty(t.Ack(1, Z(1)));
        Assert.Empty(t.Ack(2, Z(1)));
        Assert.Equal([Z(1), Z(2), Z(3)], t.Ack(4, Z(1)));
        Assert.Equal(Z(3), t.LastCommitted);
    }

    [Fact]
    public void Observer_unknown_and_repeated_acks_do_not_count()
    {
        var t = Tracker(proposals: 1);
        t.Ack(6, Z(1));
        t.Ack(42, Z(1));
        t.Ack(1, Z(1));
        t.Ack(1, Z(1));
        Assert.Empty(t.Ack(2, Z(1)));
        Assert.Equal([1L, 2], t.AckersOf(Z(1)).Order());
        Assert.Equal([Z(1)], t.Ack(5, Z(1)));
    }

    [Fact]
    public void Acks_of_the_epoch_zxid_are_ignored()
    {
        // processAck: (zxid & 0xffffffffL) == 0 -> the NEWLEADER/UPTODATE ack of a learner.
        var t = Tracker(proposals: 1);
        foreach (var id in new long[] { 1, 2, 3, 4, 5 })
        {
            Assert.Empty(t.Ack(id, Zxid.Make(7, 0)));
            Assert.Empty(t.AckThrough(id, Zxid.Make(7, 0)));
        }

        Assert.Equal(1, t.OutstandingCount);
    }

    [Fact]
    public void Acks_of_committed_or_unknown_zxids_are_ignored()
    {
        var t = Tracker(proposals: 1);
        t.Ack(1, Z(1));
        t.Ack(2, Z(1));
        t.Ack(3, Z(1));
        Assert.Empty(t.Ack(4, Z(1)));
        t.Propose(Z(2));
        Assert.Empty(t.Ack(1, Z(9)));
        Assert.Empty(t.AckersOf(Z(9)));
        Assert.Empty(t.Ack(1, Zxid.Make(6, 2)));
        foreach (var id in new long[] { 1, 2, 3 })
        {
            Assert.Empty(t.AckThrough(id, Zxid.Make(8, 3)));
        }

        Assert.Equal(1, t.OutstandingCount);
    }

    [Fact]
    public void A_cumulative_ack_counts_for_every_proposal_up_to_it()
    {
        var t = Tracker(proposals: 4);
        t.AckThrough(1, Z(4));
        Assert.Empty(t.AckThrough(2, Z(2)));
        Assert.Equal([Z(1), Z(2)], t.AckThrough(3, Z(3)));
        Assert.Equal([Z(3)], t.AckThrough(2, Z(3)));
        Assert.Equal([Z(4)], t.Ack(5, Z(4)).Concat(t.Ack(3, Z(4))));
    }

    [Fact]
    public void A_learner_that_joins_late_is_forwarded_the_outstanding_proposals_and_its_acks_count()
    {
        var t = Tracker(proposals: 3);
        t.Ack(1, Z(1));
        t.Ack(2, Z(1));
        t.Ack(3, Z(1));
        Assert.Equal([Z(2), Z(3)], t.Outstanding);

        // Learner 5 syncs now (DIFF up to Z(1)), is forwarded Z(2) and Z(3), acks NEWLEADER then the proposals.
        Assert.Empty(t.Ack(5, Zxid.Make(7, 0)));
        t.Ack(1, Z(2));
        t.Ack(1, Z(3));
        t.Ack(2, Z(2));
        Assert.Equal([Z(2)], t.Ack(5, Z(2)));
    }

    [Fact]
    public void Proposals_follow_each_other_within_the_epoch()
    {
        var t = new ProposalTracker(Five, 7);
        Assert.Throws<ArgumentException>(() => t.Propose(Z(2)));
        Assert.Throws<ArgumentException>(() => t.Propose(Zxid.Make(8, 1)));
        Assert.Throws<ArgumentException>(() => t.Propose(Zxid.Make(7, 0)));
        t.Propose(Z(1));
        Assert.Throws<ArgumentException>(() => t.Propose(Z(1)));
        Assert.Equal(Z(1), t.LastProposed);
    }

    [Fact]
    public void The_rollover_counter_is_never_proposed()
    {
        var t = new ProposalTracker(Five, 7, 0xfffffffdL);
        t.Propose(Zxid.Make(7, 0xfffffffe));
        Assert.Throws<ArgumentException>(() => t.Propose(Zxid.Make(7, 0xffffffff)));
    }

    private static long Z(long counter) => Zxid.Make(7, counter);

    private static ProposalTracker Tracker(int proposals)
    {
        var t = new ProposalTracker(Five, 7);
        Assert.Equal(Zxid.Make(7, 0), t.LastCommitted);
        for (var i = 1; i <= proposals; i++)
        {
            t.Propose(Z(i));
        }

        return t;
    }
}
