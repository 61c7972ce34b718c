using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors LearnerHandler.synced (tickOfNextAckDeadline) and the synced-quorum check in Leader.lead.</summary>
public class QuorumLivenessTests
{
    private static readonly QuorumConfig Three = QuorumConfig.Create([1, 2, 3], [4, 5]);

    [Fact]
    public void A_connecting_learner_gets_init_limit_plus_sync_limit_ticks()
    {
        var l = new QuorumLiveness(Three, 1, initLimit: 10, syncLimit: 5);
        l.Connected(2, nowTick: 100);
        Assert.True(l.IsSynced(2, 115));
        Assert.False(l.IsSynced(2, 116));
    }

    [Fact]
    public void Anything_heard_pushes_the_deadline_by_sync_limit()
    {
        var l = new QuorumLiveness(Three, 1, 10, 5);
        l.Connected(2, 0);
        l.Heard(2, 14);
        Assert.True(l.IsSynced(2, 19));
        Assert.False(l.IsSynced(2, 20));
        l.Heard(3, 14);
        Assert.False(l.IsSynced(3, 14));
    }

    [Fact]
    public void The_leader_needs_a_quorum_of_synced_voters_counting_itself()
    {
        var l = new QuorumLiveness(Three, 1, 10, 5);
        Assert.False(l.HasSyncedQuorum(0));
        l.Connected(4, 0);
        l.Connected(5, 0);
        Assert.False(l.HasSyncedQuorum(0));
        l.Connected(3, 0);
        Assert.True(l.HasSyncedQuorum(15));
        Assert.False(l.HasSyncedQuorum(16));
        l.Heard(3, 16);
        Assert.True(l.HasSyncedQuorum(16));
        l.Disconnected(3);
        Assert.False(l.HasSyncedQuorum(16));
        Assert.Equal([1L], l.SyncedVoters(16));
    }
}
