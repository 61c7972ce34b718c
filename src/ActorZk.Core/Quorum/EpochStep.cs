namespace ActorZk.Core.Quorum;

/// <summary>
/// What one call into <see cref="EpochNegotiation"/> changed. Several flags can be set at once (an ensemble
/// of one voter goes through every phase in <see cref="EpochNegotiation.Start"/>); the shell handles them in the
/// order of the properties.
/// </summary>
/// <param name="NewEpochDecided">
/// Set on the call where a quorum had reported its acceptedEpoch: the new epoch. The leader durably sets its
/// acceptedEpoch to it, then sends LEADERINFO to every learner that sent FOLLOWERINFO (later ones get it at once).
/// </param>
/// <param name="EpochAcksComplete">
/// Set on the call where a quorum had acked the epoch: the leader durably sets its currentEpoch to the new epoch,
/// then syncs every learner that acked (DIFF/TRUNC/SNAP from <see cref="SyncPlanner"/>) and sends it NEWLEADER.
/// </param>
/// <param name="Established">
/// Set on the call where a quorum had acked NEWLEADER: the epoch is established; the leader starts broadcasting
/// and sends UPTODATE to every learner that acked NEWLEADER (later ones get it at once).
/// </param>
/// <param name="FollowerAhead">
/// Set when a learner reported a state ahead of the leader's: this member must stop leading and go back to election.
/// </param>
public sealed record EpochStep(long? NewEpochDecided, bool EpochAcksComplete, bool Established, bool FollowerAhead)
{
    /// <summary>A call that changed nothing.</summary>
    public static EpochStep None { get; } = new(null, false, false, false);
}
