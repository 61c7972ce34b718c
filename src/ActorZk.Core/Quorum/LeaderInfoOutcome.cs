namespace ActorZk.Core.Quorum;

/// <summary>How a learner takes a leader's LEADERINFO (the new epoch it proposes).</summary>
public enum LeaderInfoOutcome
{
    /// <summary>
    /// The epoch is newer than the learner's acceptedEpoch: the learner durably stores the new acceptedEpoch
    /// first, then sends ACKEPOCH with its currentEpoch and last logged zxid.
    /// </summary>
    Accepted,

    /// <summary>
    /// The learner had already accepted this very epoch: it sends ACKEPOCH with currentEpoch -1 (which the leader
    /// does not count) and its last logged zxid, so that it can still be synced.
    /// </summary>
    AlreadyAccepted,

    /// <summary>The epoch is older than the learner's acceptedEpoch: the learner abandons this leader and goes back to election.</summary>
    Refused,
}
