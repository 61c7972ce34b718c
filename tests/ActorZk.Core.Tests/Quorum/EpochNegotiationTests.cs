using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors Leader.getEpochToPropose, Leader.waitForEpochAck and Leader.waitForNewLeaderAck.</summary>
public class EpochNegotiationTests
{
    private static readonly QuorumConfig Five = QuorumConfig.Create([1, 2, 3, 4, 5], [6]);

    [Fact]
    public void New_epoch_is_one_above_the_highest_accepted_epoch_of_a_quorum_including_the_leader()
    {
        var n = new EpochNegotiation(Five, 1, leaderAcceptedEpoch: 3, new StateSummary(3, Zxid.Make(3, 9)));
        Assert.Equal(EpochStep.None, n.Start());
        Assert.Equal(EpochStep.None, n.FollowerInfo(2, 5));
        Assert.Null(n.NewEpoch);

        var step = n.FollowerInfo(3, 4);
        Assert.Equal(6, step.NewEpochDecided);
        Assert.Equal(6, n.NewEpoch);
        Assert.Equal(Zxid.Make(6, 0), n.NewLeaderZxid);
        Assert.Equal(EpochPhase.CollectingEpochAcks, n.Phase);
    }

    [Fact]
    public void The_leaders_own_accepted_epoch_counts()
    {
        var n = Started(leaderAcceptedEpoch: 9);
        n.FollowerInfo(2, 1);
        Assert.Equal(10, n.FollowerInfo(3, 1).NewEpochDecided);
    }

    [Fact]
    public void A_learner_that_accepted_the_would_be_epoch_pushes_it_one_higher()
    {
        // getEpochToPropose: lastAcceptedEpoch >= epoch -> epoch = lastAcceptedEpoch + 1.
        var n = Started(leaderAcceptedEpoch: 1);
        n.FollowerInfo(2, 2);
        Assert.Equal(3, n.FollowerInfo(3, 0).NewEpochDecided);
    }

    [Fact]
    public void Observers_raise_the_epoch_but_never_count_toward_the_quorum()
    {
        // getEpochToPropose bumps the epoch before its isParticipant(sid) check.
        var n = Started(leaderAcceptedEpoch: 1);
        Assert.Null(n.FollowerInfo(6, 7).NewEpochDecided);
        Assert.Null(n.FollowerInfo(2, 1).NewEpochDecided);
        Assert.Equal(8, n.FollowerInfo(3, 1).NewEpochDecided);
        Assert.Equal([1L, 2, 3], n.EpochReporters.Order());
    }

    [Fact]
    public void Reports_after_the_quorum_do_not_change_the_epoch()
    {
        var n = Started(leaderAcceptedEpoch: 1);
        n.FollowerInfo(2, 1);
        n.FollowerInfo(3, 1);
        Assert.Equal(EpochStep.None, n.FollowerInfo(4, 50));
        Assert.Equal(2, n.NewEpoch);
    }

    [Fact]
    public void Unknown_servers_are_ignored()
    {
        var n = Started(leaderAcceptedEpoch: 1);
        n.FollowerInfo(42, 100);
        n.FollowerInfo(43, 100);
        Assert.Null(n.NewEpoch);
        n.FollowerInfo(2, 1);
        Assert.Equal(2, n.FollowerInfo(3, 1).NewEpochDecided);
    }

    [Fact]
    public void Epoch_acks_of_a_quorum_complete_the_phase()
    {
        var n = Decided();
        Assert.Equal(EpochStep.None, n.AckEpoch(2, new StateSummary(1, Zxid.Make(1, 5))));
        var step = n.AckEpoch(3, new StateSummary(0, 0));
        Assert.True(step.EpochAcksComplete);
        Assert.False(step.Established);
        Assert.Equal(EpochPhase.CollectingNewLeaderAcks, n.Phase);
        Assert.Equal([1L, 2, 3], n.EpochAckers.Order());
    }

    [Fact]
    public void A_learner_ahead_of_the_leader_in_current_epoch_fails_the_leader()
    {
        // waitForEpochAck: ss.isMoreRecentThan(leaderStateSummary) -> IOException("Follower is ahead of the leader").
        var n = Decided();
        var step = n.AckEpoch(2, new StateSummary(2, Zxid.Make(1, 1)));
        Assert.True(step.FollowerAhead);
        Assert.Equal(EpochPhase.Failed, n.Phase);
        Assert.Equal(EpochStep.None, n.AckEpoch(3, new StateSummary(1, 0)));
    }

    [Fact]
    public void A_learner_ahead_of_the_leader_in_zxid_fails_the_leader()
    {
        var n = Decided();
        Assert.False(n.AckEpoch(2, new StateSummary(1, Zxid.Make(1, 10))).FollowerAhead);
        Assert.True(n.AckEpoch(3, new StateSummary(1, Zxid.Make(1, 11))).FollowerAhead);
    }

    [Fact]
    public void An_ack_of_an_already_accepted_epoch_does_not_count()
    {
        // Learner.registerWithLeader sends currentEpoch -1 when newEpoch == acceptedEpoch; the leader skips it.
        var n = Decided();
        n.AckEpoch(2, new StateSummary(-1, Zxid.Make(9, 9)));
        Assert.Equal(EpochPhase.CollectingEpochAcks, n.Phase);
        n.AckEpoch(3, new StateSummary(1, 0));
        Assert.Equal(EpochPhase.CollectingEpochAcks, n.Phase);
        Assert.True(n.AckEpoch(4, new StateSummary(1, 0)).EpochAcksComplete);
    }

    [Fact]
    public void Observer_epoch_acks_do_not_count()
    {
        var n = Decided();
        n.AckEpoch(6, new StateSummary(1, 0));
        n.AckEpoch(2, new StateSummary(1, 0));
        Assert.Equal(EpochPhase.CollectingEpochAcks, n.Phase);
    }

    [Fact]
    public void A_quorum_of_new_leader_acks_establishes_the_epoch()
    {
        var n = Synchronizing();
        var zxid = n.NewLeaderZxid;
        Assert.Equal(EpochStep.None, n.AckNewLeader(2, zxid));
        Assert.Equal(EpochStep.None, n.AckNewLeader(3, zxid - 1));
        Assert.Equal(EpochStep.None, n.AckNewLeader(6, zxid));
        Assert.True(n.AckNewLeader(3, zxid).Established);
        Assert.Equal(EpochPhase.Established, n.Phase);

        // A learner that syncs late: its NEWLEADER ack changes nothing, it gets UPTODATE at once.
        Assert.Equal(EpochStep.None, n.AckNewLeader(4, zxid));
    }

    [Fact]
    public void A_single_voter_goes_through_every_phase_at_start()
    {
        var n = new EpochNegotiation(QuorumConfig.Create([1], [2]), 1, 4, new StateSummary(4, Zxid.Make(4, 2)));
        var step = n.Start();
        Assert.Equal(new EpochStep(5, true, true, false), step);
        Assert.Equal(EpochPhase.Established, n.Phase);
        Assert.Equal(EpochStep.None, n.Start());
    }

    [Fact]
    public void Only_a_voter_can_lead_and_messages_need_a_start()
    {
        Assert.Throws<ArgumentException>(() => new EpochNegotiation(Five, 6, 0, new StateSummary(0, 0)));
        var n = new EpochNegotiation(Five, 1, 0, new StateSummary(0, 0));
        Assert.Throws<InvalidOperationException>(() => n.FollowerInfo(2, 0));
        Assert.Throws<InvalidOperationException>(() => n.NewLeaderZxid);
    }

    private static EpochNegotiation Started(long leaderAcceptedEpoch)
    {
        var n = new EpochNegotiation(Five, 1, leaderAcceptedEpoch, new StateSummary(1, Zxid.Make(1, 10)));
        n.Start();
        return n;
    }

    private static EpochNegotiation Decided()
    {
        var n = Started(leaderAcceptedEpoch: 1);
        n.FollowerInfo(2, 1);
        Assert.Equal(2, n.FollowerInfo(3, 1).NewEpochDecided);
        return n;
    }

    private static EpochNegotiation Synchronizing()
    {
        var n = Decided();
        n.AckEpoch(2, new StateSummary(1, 0));
        Assert.True(n.AckEpoch(3, new StateSummary(1, 0)).EpochAcksComplete);
        return n;
    }
}
