namespace ActorZk.Core.Quorum;

/// <summary>The leader's progress through Zab's discovery and synchronization phases.</summary>
public enum EpochPhase
{
    /// <summary>Collecting acceptedEpochs (FOLLOWERINFO) until a quorum has reported.</summary>
    CollectingEpochs,

    /// <summary>The new epoch is known and LEADERINFO is out; collecting ACKEPOCHs until a quorum has acked.</summary>
    CollectingEpochAcks,

    /// <summary>Learners are being synced; collecting NEWLEADER acks until a quorum has acked.</summary>
    CollectingNewLeaderAcks,

    /// <summary>A quorum acked NEWLEADER: the epoch is established and broadcast may begin (UPTODATE).</summary>
    Established,

    /// <summary>A learner was ahead of the leader: this leader must give up.</summary>
    Failed,
}
