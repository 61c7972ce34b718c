using Akka.Actor;

namespace ActorZk.Server.Replication;

/// <summary>Where a learner stands with its leader.</summary>
internal enum LearnerStage
{
    /// <summary>FOLLOWERINFO received; LEADERINFO goes out once the new epoch is known.</summary>
    AwaitingEpoch,

    /// <summary>LEADERINFO sent; waiting for ACKEPOCH.</summary>
    AwaitingAckEpoch,

    /// <summary>ACKEPOCH received; the sync starts once a quorum acked the epoch.</summary>
    EpochAcked,

    /// <summary>Sync sent, NEWLEADER sent; proposals are forwarded to it.</summary>
    Syncing,

    /// <summary>NEWLEADER acked; UPTODATE goes out once the epoch is established.</summary>
    NewLeaderAcked,

    /// <summary>UPTODATE sent: serving.</summary>
    UpToDate,
}

/// <summary>The leader's view of one learner (ZooKeeper's LearnerHandler, without its thread).</summary>
internal sealed class LearnerHandle(long id, IActorRef peer, bool isObserver, long registration)
{
    public long Id { get; } = id;

    public IActorRef Peer { get; } = peer;

    public bool IsObserver { get; } = isObserver;

    /// <summary>Which FOLLOWERINFO of that learner this is (a learner that re-registers gets a new handle).</summary>
    public long Registration { get; } = registration;

    public LearnerStage Stage { get; set; } = LearnerStage.AwaitingEpoch;

    /// <summary>The learner's last logged zxid, from ACKEPOCH.</summary>
    public long LastZxid { get; set; }

    /// <summary>True once the sync was sent: proposals, commits and informs go to it from then on.</summary>
    public bool IsForwarding => Stage >= LearnerStage.Syncing;
}
