using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors FastLeaderElection.totalOrderPredicate and Vote.equals.</summary>
public class VoteTests
{
    private static readonly QuorumConfig Config = QuorumConfig.Create([1, 2, 3], [9]);

    [Fact]
    public void Higher_peer_epoch_wins_before_zxid_and_id()
    {
        // A member that synced epoch 2 but logged nothing in it yet outranks a longer log of epoch 1.
        var newerEpoch = new Vote(1, Zxid.Make(1, 7), PeerEpoch: 2, ElectionEpoch: 1);
        var longerLog = new Vote(3, Zxid.Make(1, 50), PeerEpoch: 1, ElectionEpoch: 1);
        Assert.True(newerEpoch.IsBetterThan(longerLog, Config));
        Assert.False(longerLog.IsBetterThan(newerEpoch, Config));
    }

    [Fact]
    public void Same_epoch_higher_zxid_wins_then_higher_id()
    {
        var a = new Vote(1, 10, 1, 1);
        var b = new Vote(2, 9, 1, 1);
        var c = new Vote(3, 9, 1, 1);
        Assert.True(a.IsBetterThan(b, Config));
        Assert.True(c.IsBetterThan(b, Config));
        Assert.False(b.IsBetterThan(c, Config));
        Assert.False(b.IsBetterThan(b, Config));
    }

    [Fact]
    public void The_election_epoch_does_not_rank_candidates()
    {
        var early = new Vote(2, 9, 1, ElectionEpoch: 1);
        var late = new Vote(2, 9, 1, ElectionEpoch: 7);
        Assert.Equal(0, Vote.CompareCandidates(early, late));
        Assert.False(late.IsBetterThan(early, Config));
    }

    [Fact]
    public void Observers_and_unknown_ids_are_never_better()
    {
        // totalOrderPredicate returns false for a candidate of weight 0; validVoter(n.leader) drops the rest.
        var observer = new Vote(9, long.MaxValue, long.MaxValue, 1);
        var stranger = new Vote(42, long.MaxValue, long.MaxValue, 1);
        var voter = new Vote(1, 0, 0, 1);
        Assert.False(observer.IsBetterThan(voter, Config));
        Assert.False(stranger.IsBetterThan(voter, Config));
    }

    [Fact]
    public void The_empty_vote_is_below_every_real_vote()
    {
        var none = Vote.None(1);
        Assert.True(none.IsEmpty);
        Assert.True(new Vote(1, 0, 0, 1).IsBetterThan(none, Config));
        Assert.False(none.IsBetterThan(new Vote(1, 0, 0, 1), Config));
    }

    [Fact]
    public void Looking_votes_agree_only_when_equal_in_every_field()
    {
        var v = new Vote(3, 100, 2, 5);
        Assert.True(Vote.Agree(v, ServerState.Looking, v, ServerState.Looking));
        Assert.False(Vote.Agree(v, ServerState.Looking, v with { ElectionEpoch = 6 }, ServerState.Looking));
        Assert.False(Vote.Agree(v, ServerState.Looking, v with { Zxid = 101 }, ServerState.Following));
        Assert.True(Vote.Agree(v, ServerState.Looking, v, ServerState.Leading));
    }

    [Fact]
    public void Votes_out_of_election_agree_on_leader_and_peer_epoch_only()
    {
        // Vote.equals skips zxid and electionEpoch between FOLLOWING/LEADING votes (ZOOKEEPER-1805).
        var v = new Vote(3, 100, 2, 5);
        Assert.True(Vote.Agree(v, ServerState.Following, v with { Zxid = 7, ElectionEpoch = 1 }, ServerState.Leading));
        Assert.False(Vote.Agree(v, ServerState.Following, v with { PeerEpoch = 3 }, ServerState.Following));
        Assert.False(Vote.Agree(v, ServerState.Following, v with { Leader = 2 }, ServerState.Following));
    }
}
