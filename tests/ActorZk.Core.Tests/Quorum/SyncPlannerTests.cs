using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors LearnerHandler.syncFollower and LearnerHandler.queueCommittedProposals, case by case.</summary>
public class SyncPlannerTests
{
    // Epoch 1: 1..5, epoch 3: 1..4 (epoch 2 left nothing in the leader's history).
    private static readonly long[] Window =
        [Z(1, 1), Z(1, 2), Z(1, 3), Z(1, 4), Z(1, 5), Z(3, 1), Z(3, 2), Z(3, 3), Z(3, 4)];

    private static readonly long LeaderLast = Z(3, 4);

    [Fact]
    public void A_learner_in_sync_gets_an_empty_diff()
    {
        // syncFollower case 2: lastProcessedZxid == peerLastZxid.
        var plan = SyncPlanner.Plan(Window, LeaderLast, LeaderLast);
        Assert.Equal(new DiffSync(LeaderLast, LeaderLast), plan);
        Assert.True(((DiffSync)plan).IsEmpty);
        Assert.Equal(LeaderLast, plan.SyncedThrough);
    }

    [Fact]
    public void A_learner_at_the_leaders_new_epoch_zxid_gets_an_empty_diff_even_outside_the_window()
    {
        var plan = SyncPlanner.Plan(Window, Z(4, 0), Z(4, 0));
        Assert.Equal(new DiffSync(Z(4, 0), Z(4, 0)), plan);
    }

    [Fact]
    public void A_learner_behind_inside_the_window_gets_a_diff()
    {
        // syncFollower case 4 and queueCommittedProposals: packetZxid == peerLastZxid -> DIFF.
        var plan = SyncPlanner.Plan(Window, LeaderLast, Z(1, 4));
        Assert.Equal(new DiffSync(Z(1, 4), Z(3, 4)), plan);
        Assert.Equal(Z(3, 4), plan.SyncedThrough);
        Assert.Equal(new DiffSync(Z(1, 1), Z(3, 4)), SyncPlanner.Plan(Window, LeaderLast, Z(1, 1)));
    }

    [Fact]
    public void A_learner_ahead_of_the_window_is_truncated_to_its_end()
    {
        // syncFollower case 3: peerLastZxid > maxCommittedLog && !isPeerNewEpochZxid -> TRUNC(maxCommittedLog).
        Assert.Equal(new TruncSync(Z(3, 4), Z(3, 4)), SyncPlanner.Plan(Window, LeaderLast, Z(3, 7)));
        Assert.Equal(new TruncSync(Z(3, 4), Z(3, 4)), SyncPlanner.Plan(Window, LeaderLast, Z(4, 2)));
    }

    [Fact]
    public void A_learner_ahead_at_an_epoch_start_zxid_is_not_truncated()
    {
        // isPeerNewEpochZxid skips case 3; nothing else matches, so ZooKeeper sends a snapshot.
        Assert.Equal(new SnapSync(LeaderLast), SyncPlanner.Plan(Window, LeaderLast, Z(5, 0)));
    }

    [Fact]
    public void A_learner_at_an_epoch_start_zxid_inside_the_window_gets_a_diff()
    {
        // queueCommittedProposals: isPeerNewEpochZxid -> DIFF and send everything above it.
        Assert.Equal(new DiffSync(Z(3, 0), Z(3, 4)), SyncPlanner.Plan(Window, LeaderLast, Z(3, 0)));
        Assert.Equal(new DiffSync(Z(2, 0), Z(3, 4)), SyncPlanner.Plan(Window, LeaderLast, Z(2, 0)));
    }

    [Fact]
    public void A_learner_with_a_txn_of_an_abandoned_epoch_is_truncated_across_the_epoch()
    {
        // ActorZk: TRUNC to the last shared zxid, then the rest. (Within one epoch the learner's txn would be in the
        // leader's window, whose holes are refused, so ZooKeeper's same-epoch TRUNC needs no case of its own.)
        var plan = SyncPlanner.Plan(Window, LeaderLast, Z(2, 3));
        Assert.Equal(new TruncSync(Z(1, 5), Z(3, 4)), plan);
        Assert.Equal(Z(3, 4), plan.SyncedThrough);
        Assert.Equal(new TruncSync(Z(1, 5), Z(3, 4)), SyncPlanner.Plan(Window, LeaderLast, Z(1, 6)));
    }

    [Fact]
    public void ZooKeeper_sends_a_snapshot_instead_of_a_trunc_across_epochs()
    {
        // queueCommittedProposals: "Cannot send TRUNC to peer sid ... peer zxid is from different epoch".
        Assert.Equal(new SnapSync(LeaderLast), SyncPlanner.Plan(Window, LeaderLast, Z(2, 3), truncateAcrossEpochs: false));
        Assert.Equal(new SnapSync(LeaderLast), SyncPlanner.Plan(Window, LeaderLast, Z(1, 6), truncateAcrossEpochs: false));
    }

    [Fact]
    public void A_learner_below_the_window_gets_a_snapshot()
    {
        // syncFollower case 5 without a usable on-disk log.
        long[] window = [Z(3, 2), Z(3, 3), Z(3, 4)];
        var plan = SyncPlanner.Plan(window, LeaderLast, Z(3, 1));
        Assert.Equal(new SnapSync(LeaderLast), plan);
        Assert.Equal(LeaderLast, plan.SyncedThrough);
        Assert.Equal(new SnapSync(LeaderLast), SyncPlanner.Plan(window, LeaderLast, 0));
    }

    [Fact]
    public void An_empty_window_stands_for_the_leaders_last_zxid()
    {
        // db.getCommittedLog().isEmpty(): minCommittedLog = maxCommittedLog = lastProcessedZxid.
        Assert.Equal(new DiffSync(Z(2, 5), Z(2, 5)), SyncPlanner.Plan([], Z(2, 5), Z(2, 5)));
        Assert.Equal(new TruncSync(Z(2, 5), Z(2, 5)), SyncPlanner.Plan([], Z(2, 5), Z(2, 6)));
        Assert.Equal(new SnapSync(Z(2, 5)), SyncPlanner.Plan([], Z(2, 5), Z(2, 4)));
    }

    [Fact]
    public void A_new_leader_with_no_txn_yet_truncates_a_learner_past_its_history()
    {
        // The leader's last processed zxid is its NEWLEADER zxid; the learner has an old leader's proposal.
        long[] window = [Z(1, 1), Z(1, 2)];
        Assert.Equal(new TruncSync(Z(1, 2), Z(1, 2)), SyncPlanner.Plan(window, Z(2, 0), Z(1, 3)));
        Assert.Equal(new DiffSync(Z(1, 1), Z(1, 2)), SyncPlanner.Plan(window, Z(2, 0), Z(1, 1)));
    }

    [Fact]
    public void A_bad_window_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SyncPlanner.Plan([Z(1, 2), Z(1, 1)], Z(1, 2), 0));
        Assert.Throws<ArgumentException>(() => SyncPlanner.Plan([Z(1, 1), Z(1, 1)], Z(1, 1), 0));
        Assert.Throws<ArgumentException>(() => SyncPlanner.Plan([Z(1, 1), Z(1, 3)], Z(1, 3), 0));
        Assert.Throws<ArgumentException>(() => SyncPlanner.Plan([Z(1, 1), Z(1, 2)], Z(1, 1), 0));

        // A new epoch inside the window starts at counter 1; the window's first txn may be anywhere.
        Assert.Throws<ArgumentException>(() => SyncPlanner.Plan([Z(1, 5), Z(2, 2)], Z(2, 2), 0));
        Assert.IsType<DiffSync>(SyncPlanner.Plan([Z(1, 5), Z(2, 1)], Z(2, 1), Z(1, 5)));
    }

    private static long Z(long epoch, long counter) => Zxid.Make(epoch, counter);
}
