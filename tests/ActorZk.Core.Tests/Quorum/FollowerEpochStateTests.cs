using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors Learner.registerWithLeader (LEADERINFO) and the NEWLEADER case of Learner.syncWithLeader.</summary>
public class FollowerEpochStateTests
{
    [Fact]
    public void A_newer_epoch_is_accepted_and_acked_with_the_current_epoch()
    {
        var s = new FollowerEpochState(acceptedEpoch: 3, currentEpoch: 2);
        Assert.Equal(Zxid.Make(3, 0), s.FollowerInfoZxid);

        var reply = s.OnLeaderInfo(5);
        Assert.Equal(new LeaderInfoReply(LeaderInfoOutcome.Accepted, 2), reply);
        Assert.Equal(5, s.AcceptedEpoch);
        Assert.Equal(2, s.CurrentEpoch);
    }

    [Fact]
    public void The_same_epoch_is_acked_with_minus_one()
    {
        var s = new FollowerEpochState(5, 2);
        Assert.Equal(new LeaderInfoReply(LeaderInfoOutcome.AlreadyAccepted, -1), s.OnLeaderInfo(5));
        Assert.Equal(5, s.AcceptedEpoch);
    }

    [Fact]
    public void An_older_epoch_is_refused()
    {
        // "Leaders epoch, X is less than accepted epoch, Y"
        var s = new FollowerEpochState(5, 5);
        Assert.Equal(LeaderInfoOutcome.Refused, s.OnLeaderInfo(4).Outcome);
        Assert.Equal(5, s.AcceptedEpoch);
    }

    [Fact]
    public void New_leader_of_the_accepted_epoch_sets_the_current_epoch()
    {
        var s = new FollowerEpochState(3, 2);
        s.OnLeaderInfo(4);
        Assert.True(s.TryAcceptNewLeader(Zxid.Make(4, 0)));
        Assert.Equal(4, s.CurrentEpoch);
    }

    [Fact]
    public void New_leader_of_another_epoch_is_refused()
    {
        var s = new FollowerEpochState(3, 2);
        s.OnLeaderInfo(4);
        Assert.False(s.TryAcceptNewLeader(Zxid.Make(3, 0)));
        Assert.False(s.TryAcceptNewLeader(Zxid.Make(5, 0)));
        Assert.Equal(2, s.CurrentEpoch);
    }

    [Fact]
    public void Current_epoch_above_accepted_epoch_is_corrupt_state()
        => Assert.Throws<ArgumentException>(() => new FollowerEpochState(1, 2));
}
