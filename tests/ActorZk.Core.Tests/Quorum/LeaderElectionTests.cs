using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>
/// One rule of ZooKeeper 3.8's FastLeaderElection per test (lookForLeader, WorkerReceiver,
/// receivedFollowingNotification, checkLeader).
/// </summary>
public class LeaderElectionTests
{
    private static readonly QuorumConfig Three = QuorumConfig.Create([1, 2, 3]);
    private static readonly QuorumConfig ThreeAndObserver = QuorumConfig.Create([1, 2, 3], [4]);
    private static readonly QuorumConfig Five = QuorumConfig.Create([1, 2, 3, 4, 5]);

    [Fact]
    public void Start_proposes_itself_to_every_other_voter()
    {
        // lookForLeader: logicalclock.incrementAndGet(); updateProposal(getInitId(), ...); sendNotifications() to voters.
        var e = new LeaderElection(ThreeAndObserver, 1);
        var step = e.Start(lastLoggedZxid: 0x105, currentEpoch: 1);

        Assert.Equal(1, e.LogicalClock);
        Assert.Equal(ServerState.Looking, step.State);
        Assert.Equal(ElectionStatus.Looking, step.Status);
        Assert.Equal([2L, 3], step.Messages.Select(m => m.Recipient));
        Assert.All(step.Messages, m => Assert.Equal(new Notification(1, ServerState.Looking, new Vote(1, 0x105, 1, 1)), m.Notification));
    }

    [Fact]
    public void A_second_start_advances_the_logical_clock()
    {
        var e = new LeaderElection(Three, 1);
        e.Start(0, 0);
        e.Start(0, 0);
        Assert.Equal(2, e.LogicalClock);
        Assert.Equal(2, e.Proposal.ElectionEpoch);
    }

    [Fact]
    public void A_single_voter_decides_to_lead_at_once()
    {
        // Nobody else votes, so there is nothing to wait for (ZooKeeper would still wait finalizeWait).
        var e = new LeaderElection(QuorumConfig.Create([7], [8]), 7);
        var step = e.Start(5, 1);
        Assert.Empty(step.Messages);
        Assert.Equal(ServerState.Leading, step.State);
        Assert.Equal(new Vote(7, 5, 1, 1), step.Decision);
        Assert.Equal(ElectionStatus.Decided, e.Status);
    }

    [Fact]
    public void A_better_vote_of_the_same_round_is_adopted_and_sent_to_all()
    {
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        var step = e.Receive(Looking(sender: 2, leader: 2, zxid: 11, peerEpoch: 1, round: 1));

        Assert.Equal(new Vote(2, 11, 1, 1), e.Proposal);
        Assert.Equal([2L, 3], step.Messages.Select(m => m.Recipient));
        Assert.All(step.Messages, m => Assert.Equal(e.Proposal, m.Notification.Vote));
    }

    [Fact]
    public void A_worse_vote_is_recorded_but_not_adopted()
    {
        var e = new LeaderElection(Three, 3);
        e.Start(10, 1);
        var step = e.Receive(Looking(sender: 1, leader: 1, zxid: 10, peerEpoch: 1, round: 1));
        Assert.Empty(step.Messages);
        Assert.Equal(3, e.Proposal.Leader);
        Assert.Equal(ElectionStatus.Looking, step.Status);
    }

    [Fact]
    public void A_quorum_agreeing_with_the_proposal_starts_the_finalize_wait_then_decides()
    {
        // voteSet.hasAllQuorums() then poll(finalizeWait) and, with nothing better, setPeerState. Voter 2 is not
        // heard yet and its connection is not known to be down, so its vote may be on the way.
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        var step = e.Receive(Looking(3, 3, 12, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, step.Status);
        Assert.Null(step.Decision);

        var done = e.Finalize(step.FinalizeToken);
        Assert.Equal(ServerState.Following, done.State);
        Assert.Equal(new Vote(3, 12, 1, 1), done.Decision);
        Assert.Equal(new Vote(3, 12, 1, 1), e.CurrentVote);
    }

    [Fact]
    public void A_quorum_with_every_voter_heard_decides_without_the_finalize_wait()
    {
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        Assert.Equal(ElectionStatus.AwaitingFinalize, e.Receive(Looking(3, 3, 12, 1, 1)).Status);

        var done = e.Receive(Looking(2, 2, 11, 1, 1));
        Assert.Equal(ServerState.Following, done.State);
        Assert.Equal(new Vote(3, 12, 1, 1), done.Decision);
    }

    [Fact]
    public void Losing_the_connection_to_the_only_voter_not_heard_ends_the_finalize_wait()
    {
        // The leader died: its connection closed, so no vote of it can still arrive.
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        var waiting = e.Receive(Looking(2, 2, 12, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, waiting.Status);

        var done = e.Disconnected(3);
        Assert.Equal(ServerState.Following, done.State);
        Assert.Equal(new Vote(2, 12, 1, 1), done.Decision);
        Assert.Null(e.Finalize(waiting.FinalizeToken).Decision);
    }

    [Fact]
    public void A_voter_known_disconnected_before_the_round_is_not_waited_for()
    {
        var e = new LeaderElection(Three, 2);
        Assert.Null(e.Disconnected(3).Decision);
        e.Start(12, 1);
        var done = e.Receive(Looking(1, 2, 12, 1, 1));
        Assert.Equal(ServerState.Leading, done.State);
        Assert.Equal(2, done.Decision!.Value.Leader);
    }

    [Fact]
    public void A_voter_connected_again_is_waited_for()
    {
        var e = new LeaderElection(Three, 2);
        e.Disconnected(3);
        e.Connected(3);
        e.Start(12, 1);
        var step = e.Receive(Looking(1, 2, 12, 1, 1));
        Assert.Null(step.Decision);
        Assert.Equal(ElectionStatus.AwaitingFinalize, step.Status);
    }

    [Fact]
    public void A_notification_from_a_voter_counts_as_its_connection_being_up()
    {
        var e = new LeaderElection(Five, 1);
        e.Disconnected(4);
        e.Disconnected(5);
        e.Start(10, 1);
        e.Receive(Looking(4, 4, 9, 1, 0));
        Assert.Null(e.Receive(Looking(2, 1, 10, 1, 1)).Decision);
        var step = e.Receive(Looking(3, 1, 10, 1, 1));
        Assert.Null(step.Decision);
        Assert.Equal(ElectionStatus.AwaitingFinalize, step.Status);
    }

    [Fact]
    public void A_better_vote_heard_from_an_established_voter_keeps_the_finalize_wait()
    {
        // A FOLLOWING or LEADING vote does not move the proposal, so a better one means another vote may still come.
        var e = new LeaderElection(Five, 5);
        e.Start(1, 1);
        e.Receive(Looking(1, 1, 3, 2, 1));
        e.Receive(Looking(4, 1, 3, 2, 1));
        e.Receive(new Notification(3, ServerState.Leading, new Vote(3, 0x200000003, 2, 1)));
        var step = e.Receive(Looking(2, 2, 1, 0, 1));
        Assert.Null(step.Decision);
        Assert.Equal(ElectionStatus.AwaitingFinalize, step.Status);
    }

    [Fact]
    public void A_vote_of_the_next_round_that_came_while_following_counts_when_that_round_starts()
    {
        // Voter 2 lost leader 3 a few ms before voter 1 did: its vote reached 1 while 1 still followed 3.
        var e = Decided(Three, me: 1, leader: 3);
        var round = e.LogicalClock + 1;
        var answer = e.Receive(Looking(2, 2, 10, 1, round));
        Assert.Equal(ServerState.Following, Assert.Single(answer.Messages).Notification.State);

        e.Disconnected(3);
        var step = e.Start(10, 1);
        Assert.Equal(round, e.LogicalClock);
        Assert.Equal(ServerState.Following, step.State);
        Assert.Equal(2, step.Decision!.Value.Leader);
        Assert.Contains(step.Messages, m => m.Recipient == 2 && m.Notification.Vote.Leader == 2);
    }

    [Fact]
    public void A_vote_of_a_round_already_passed_is_not_kept_for_the_next()
    {
        var e = Decided(Three, me: 1, leader: 3);
        e.Receive(Looking(2, 2, 10, 1, e.LogicalClock));
        e.Disconnected(3);
        var step = e.Start(10, 1);
        Assert.Null(step.Decision);
        Assert.Equal(1, e.Proposal.Leader);
    }

    [Fact]
    public void The_decision_goes_to_every_member_last_heard_looking()
    {
        // Instead of each waiting for its re-send interval to ask again.
        var e = new LeaderElection(ThreeAndObserver, 2);
        e.Start(12, 1);
        e.Receive(new Notification(4, ServerState.Looking, Vote.None(1)));
        var waiting = e.Receive(Looking(1, 2, 12, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, waiting.Status);

        var done = e.Finalize(waiting.FinalizeToken);
        Assert.Equal(ServerState.Leading, done.State);
        var settled = new Notification(2, ServerState.Leading, new Vote(2, 12, 1, 1));
        Assert.Equal([(1L, settled), (4L, settled)], done.Messages.Select(m => (m.Recipient, m.Notification)).Order());
    }

    [Fact]
    public void The_member_whose_vote_won_leads()
    {
        var e = new LeaderElection(Three, 3);
        var start = e.Start(12, 1);
        Assert.Equal(ElectionStatus.Looking, start.Status);
        var step = e.Receive(Looking(1, 3, 12, 1, 1));
        var done = e.Finalize(step.FinalizeToken);
        Assert.Equal(ServerState.Leading, done.State);
        Assert.Equal(3, done.Decision!.Value.Leader);
    }

    [Fact]
    public void A_quorum_for_another_proposal_does_not_decide()
    {
        // Only votes equal to this member's own proposal count (getVoteTracker(recvset, proposal)).
        var e = new LeaderElection(Five, 5);
        e.Start(100, 2);
        e.Receive(Looking(1, 4, 10, 1, 1));
        e.Receive(Looking(2, 4, 10, 1, 1));
        var step = e.Receive(Looking(3, 4, 10, 1, 1));
        Assert.Equal(ElectionStatus.Looking, step.Status);
        Assert.Equal(5, e.Proposal.Leader);
    }

    [Fact]
    public void A_better_vote_during_the_finalize_wait_cancels_it()
    {
        var e = new LeaderElection(Five, 1);
        e.Start(10, 1);
        e.Receive(Looking(2, 4, 20, 1, 1));
        e.Receive(Looking(3, 4, 20, 1, 1));
        var waiting = e.Receive(Looking(4, 4, 20, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, waiting.Status);

        var better = e.Receive(Looking(5, 5, 21, 1, 1));
        Assert.Equal(ElectionStatus.Looking, better.Status);
        Assert.Equal(5, e.Proposal.Leader);
        Assert.Null(e.Finalize(waiting.FinalizeToken).Decision);
        Assert.Equal(ServerState.Looking, e.State);
    }

    [Fact]
    public void A_vote_that_is_not_better_keeps_the_finalize_wait()
    {
        var e = new LeaderElection(Five, 1);
        e.Start(10, 1);
        e.Receive(Looking(3, 3, 12, 1, 1));
        var waiting = e.Receive(Looking(4, 3, 12, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, waiting.Status);

        var again = e.Receive(Looking(2, 2, 11, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, again.Status);
        Assert.Equal(waiting.FinalizeToken, again.FinalizeToken);
        Assert.Equal(3, e.Finalize(waiting.FinalizeToken).Decision!.Value.Leader);
    }

    [Fact]
    public void A_better_vote_from_a_member_out_of_the_election_restarts_the_finalize_wait()
    {
        // lookForLeader puts any better notification back and leaves the finalize poll.
        var e = new LeaderElection(Five, 1);
        e.Start(10, 1);
        e.Receive(Looking(2, 4, 14, 1, 1));
        var waiting = e.Receive(Looking(4, 4, 14, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, waiting.Status);

        var step = e.Receive(new Notification(5, ServerState.Following, new Vote(5, 50, 1, 1)));
        Assert.Null(step.Decision);
        Assert.Equal(ElectionStatus.AwaitingFinalize, step.Status);
        Assert.NotEqual(waiting.FinalizeToken, step.FinalizeToken);
        Assert.Null(e.Finalize(waiting.FinalizeToken).Decision);
        Assert.Equal(4, e.Finalize(step.FinalizeToken).Decision!.Value.Leader);
    }

    [Fact]
    public void A_stale_finalize_token_is_ignored()
    {
        var e = new LeaderElection(Five, 1);
        e.Start(10, 1);
        e.Receive(Looking(2, 2, 11, 1, 1));
        var first = e.Receive(Looking(3, 2, 11, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, first.Status);
        var better = e.Receive(Looking(4, 4, 14, 1, 1));
        Assert.Equal(ElectionStatus.Looking, better.Status);
        e.Receive(Looking(2, 4, 14, 1, 1));
        var second = e.Receive(Looking(3, 4, 14, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, second.Status);
        Assert.NotEqual(first.FinalizeToken, second.FinalizeToken);

        Assert.Null(e.Finalize(first.FinalizeToken).Decision);
        Assert.Equal(4, e.Finalize(second.FinalizeToken).Decision!.Value.Leader);
    }

    [Fact]
    public void A_higher_round_drops_the_old_round_and_restarts_from_the_initial_vote()
    {
        // n.electionEpoch > logicalclock: logicalclock.set; recvset.clear(); updateProposal(better of n and getInitId()).
        var e = new LeaderElection(Five, 1);
        e.Start(10, 1);
        e.Receive(Looking(5, 5, 50, 1, 1));
        var waiting = e.Receive(Looking(2, 5, 50, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, waiting.Status);

        // Compared with the initial vote, not with the adopted vote for 5.
        var step = e.Receive(Looking(3, 3, 30, 1, 4));
        Assert.Equal(4, e.LogicalClock);
        Assert.Equal(new Vote(3, 30, 1, 4), e.Proposal);
        Assert.Equal(4, step.Messages.Count);
        Assert.Equal(ElectionStatus.Looking, step.Status);
        Assert.Null(e.Finalize(waiting.FinalizeToken).Decision);

        Assert.Equal(ElectionStatus.AwaitingFinalize, e.Receive(Looking(4, 3, 30, 1, 4)).Status);
    }

    [Fact]
    public void A_higher_round_with_a_worse_vote_keeps_the_own_vote()
    {
        var e = new LeaderElection(Three, 2);
        e.Start(20, 1);
        var step = e.Receive(Looking(1, 1, 10, 1, 3));
        Assert.Equal(new Vote(2, 20, 1, 3), e.Proposal);
        Assert.Equal([1L, 3], step.Messages.Select(m => m.Recipient));
    }

    [Fact]
    public void A_looking_voter_of_an_older_round_gets_the_vote_back_and_is_not_counted()
    {
        // WorkerReceiver: ackstate LOOKING and n.electionEpoch < logicalclock -> send getVote() back.
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        e.Start(10, 1);
        var step = e.Receive(Looking(2, 1, 10, 1, 1));

        var reply = Assert.Single(step.Messages);
        Assert.Equal(2, reply.Recipient);
        Assert.Equal(new Notification(1, ServerState.Looking, new Vote(1, 10, 1, 2)), reply.Notification);
        Assert.Equal(ElectionStatus.Looking, step.Status);
    }

    [Fact]
    public void An_observer_is_answered_at_once_and_never_counted()
    {
        // WorkerReceiver: !validVoter(response.sid) -> reply with the current vote.
        var e = new LeaderElection(ThreeAndObserver, 1);
        e.Start(10, 1);
        var step = e.Receive(Looking(4, 1, 10, 1, 1));
        var reply = Assert.Single(step.Messages);
        Assert.Equal(4, reply.Recipient);
        Assert.Equal(e.Proposal, reply.Notification.Vote);
        Assert.Equal(ElectionStatus.Looking, step.Status);
    }

    [Fact]
    public void An_observer_that_already_observes_is_not_answered()
    {
        // A late reply reaches an observer that has decided; it answers, and the looking voter must not answer back.
        var voter = new LeaderElection(ThreeAndObserver, 1);
        voter.Start(10, 1);
        var observer = new LeaderElection(ThreeAndObserver, 4);
        observer.Start(0, 0);
        observer.Receive(new Notification(2, ServerState.Following, new Vote(3, 10, 1, 1)));
        Assert.Equal(ServerState.Observing, observer.Receive(new Notification(3, ServerState.Leading, new Vote(3, 10, 1, 1))).State);

        var answer = Assert.Single(observer.Receive(voter.CurrentNotification).Messages);
        Assert.Equal(ServerState.Observing, answer.Notification.State);
        Assert.Empty(voter.Receive(answer.Notification).Messages);
    }

    [Fact]
    public void Votes_for_a_non_voter_are_ignored()
    {
        var e = new LeaderElection(ThreeAndObserver, 1);
        e.Start(10, 1);
        var step = e.Receive(Looking(2, 4, long.MaxValue, long.MaxValue, 1));
        Assert.Empty(step.Messages);
        Assert.Equal(1, e.Proposal.Leader);
    }

    [Fact]
    public void Unknown_senders_and_own_echoes_are_ignored()
    {
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        Assert.Empty(e.Receive(Looking(42, 42, 99, 9, 1)).Messages);
        Assert.Empty(e.Receive(Looking(1, 1, 10, 1, 1)).Messages);
    }

    [Fact]
    public void A_decided_member_answers_looking_voters_with_its_leader()
    {
        // WorkerReceiver, not LOOKING: a LOOKING sender gets getCurrentVote() with this member's state.
        var e = Decided(Three, me: 1, leader: 3);
        var step = e.Receive(Looking(2, 2, 5, 1, 9));
        var reply = Assert.Single(step.Messages);
        Assert.Equal(new Notification(1, ServerState.Following, new Vote(3, 12, 1, 1)), reply.Notification);

        Assert.Empty(e.Receive(new Notification(2, ServerState.Following, new Vote(3, 12, 1, 1))).Messages);
    }

    [Fact]
    public void Same_round_following_votes_with_the_leader_leading_decide()
    {
        // receivedFollowingNotification, n.electionEpoch == logicalclock: recvset quorum + checkLeader.
        var e = new LeaderElection(Five, 1);
        e.Start(10, 1);
        var vote = new Vote(3, 30, 1, 1);
        Assert.Null(e.Receive(new Notification(2, ServerState.Following, vote)).Decision);
        Assert.Null(e.Receive(new Notification(4, ServerState.Following, vote)).Decision);
        var done = e.Receive(new Notification(3, ServerState.Leading, vote));
        Assert.Equal(ServerState.Following, done.State);
        Assert.Equal(vote, done.Decision);
    }

    [Fact]
    public void A_restarted_member_joins_an_established_leader_of_an_older_round()
    {
        // receivedFollowingNotification, outofelection: a quorum FOLLOWING/LEADING the same (leader, peerEpoch).
        var e = new LeaderElection(Five, 1);
        for (var i = 0; i < 5; i++)
        {
            e.Start(10, 1);
        }

        Assert.Null(e.Receive(new Notification(2, ServerState.Following, new Vote(3, 30, 2, 2))).Decision);
        Assert.Null(e.Receive(new Notification(4, ServerState.Following, new Vote(3, 31, 2, 1))).Decision);
        var done = e.Receive(new Notification(3, ServerState.Leading, new Vote(3, 33, 2, 2)));

        Assert.Equal(ServerState.Following, done.State);
        Assert.Equal(3, done.Decision!.Value.Leader);
        Assert.Equal(2, e.LogicalClock);
    }

    [Fact]
    public void Followers_alone_do_not_make_a_leader_without_its_own_leading_notification()
    {
        // checkLeader: votes.get(leader).getState() must be LEADING.
        var e = new LeaderElection(Five, 1);
        e.Start(10, 1);
        e.Start(10, 1);
        var vote = new Vote(3, 30, 2, 1);
        e.Receive(new Notification(2, ServerState.Following, vote));
        e.Receive(new Notification(4, ServerState.Following, vote));
        var step = e.Receive(new Notification(5, ServerState.Following, vote));
        Assert.Null(step.Decision);
        Assert.Equal(ServerState.Looking, e.State);
    }

    [Fact]
    public void Followers_that_disagree_on_the_peer_epoch_do_not_make_a_quorum()
    {
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        e.Start(10, 1);
        e.Receive(new Notification(2, ServerState.Following, new Vote(3, 30, 1, 1)));
        var step = e.Receive(new Notification(3, ServerState.Leading, new Vote(3, 30, 2, 1)));
        Assert.Null(step.Decision);
    }

    [Fact]
    public void Others_following_this_member_make_it_lead_only_in_its_own_round()
    {
        // checkLeader: leader == self requires logicalclock == electionEpoch.
        var e = new LeaderElection(Three, 3);
        e.Start(30, 1);
        e.Start(30, 1);
        e.Receive(new Notification(1, ServerState.Following, new Vote(3, 30, 1, 1)));
        var oldRound = e.Receive(new Notification(2, ServerState.Following, new Vote(3, 30, 1, 1)));
        Assert.Null(oldRound.Decision);
        Assert.Equal(ServerState.Looking, e.State);

        var other = new LeaderElection(Three, 3);
        other.Start(30, 1);
        var sameRound = other.Receive(new Notification(1, ServerState.Following, new Vote(3, 30, 1, 1)));
        Assert.Equal(ServerState.Leading, sameRound.State);
    }

    [Fact]
    public void An_observer_proposes_nobody_and_only_observes()
    {
        // getInitId() is Long.MIN_VALUE for a non-voter; learningState() is OBSERVING.
        var e = new LeaderElection(ThreeAndObserver, 4);
        var start = e.Start(lastLoggedZxid: long.MaxValue, currentEpoch: long.MaxValue);
        Assert.True(e.Proposal.IsEmpty);
        Assert.Equal([1L, 2, 3], start.Messages.Select(m => m.Recipient));

        e.Receive(Looking(1, 2, 10, 1, 1));
        Assert.Equal(2, e.Proposal.Leader);
        var waiting = e.Receive(Looking(2, 2, 10, 1, 1));
        Assert.Equal(ElectionStatus.AwaitingFinalize, waiting.Status);
        var done = e.Finalize(waiting.FinalizeToken);
        Assert.Equal(ServerState.Observing, done.State);
        Assert.Equal(2, done.Decision!.Value.Leader);
    }

    [Fact]
    public void An_observer_joins_an_established_leader()
    {
        var e = new LeaderElection(ThreeAndObserver, 4);
        e.Start(0, 0);
        e.Receive(new Notification(1, ServerState.Following, new Vote(2, 10, 3, 1)));
        var done = e.Receive(new Notification(2, ServerState.Leading, new Vote(2, 10, 3, 1)));
        Assert.Equal(ServerState.Observing, done.State);
    }

    [Fact]
    public void Update_peer_epoch_changes_what_a_decided_member_reports()
    {
        // QuorumPeer.updateElectionVote (ZOOKEEPER-1732).
        var e = Decided(Three, me: 1, leader: 3);
        e.UpdatePeerEpoch(2);
        Assert.Equal(new Vote(3, 12, 2, 1), e.CurrentVote);
        Assert.Equal(2, e.CurrentNotification.Vote.PeerEpoch);
    }

    [Fact]
    public void Rebroadcast_resends_while_looking_only()
    {
        var e = new LeaderElection(Three, 1);
        e.Start(10, 1);
        Assert.Equal(2, e.Rebroadcast().Messages.Count);

        var decided = Decided(Three, me: 1, leader: 3);
        Assert.Empty(decided.Rebroadcast().Messages);
    }

    [Fact]
    public void The_notification_interval_doubles_up_to_the_cap()
    {
        Assert.Equal(400, LeaderElection.NextNotificationInterval(LeaderElection.MinNotificationIntervalMs));
        Assert.Equal(51_200, LeaderElection.NextNotificationInterval(25_600));
        Assert.Equal(60_000, LeaderElection.NextNotificationInterval(51_200));
        Assert.Equal(60_000, LeaderElection.NextNotificationInterval(60_000));
    }

    [Fact]
    public void Notifications_before_start_are_a_bug()
    {
        var e = new LeaderElection(Three, 1);
        Assert.Throws<InvalidOperationException>(() => e.Receive(Looking(2, 2, 1, 1, 1)));
        Assert.Throws<ArgumentException>(() => new LeaderElection(Three, 9));
    }

    private static Notification Looking(long sender, long leader, long zxid, long peerEpoch, long round)
        => new(sender, ServerState.Looking, new Vote(leader, zxid, peerEpoch, round));

    private static LeaderElection Decided(QuorumConfig config, long me, long leader)
    {
        var e = new LeaderElection(config, me);
        e.Start(10, 1);
        var others = config.Voters.Where(v => v != me && v != leader).Take(config.QuorumSize - 2);
        e.Receive(Looking(leader, leader, 12, 1, 1));
        foreach (var other in others)
        {
            e.Receive(Looking(other, leader, 12, 1, 1));
        }

        var done = e.Finalize(e.Receive(Looking(leader, leader, 12, 1, 1)).FinalizeToken);
        Assert.Equal(leader, done.Decision!.Value.Leader);
        return e;
    }
}
