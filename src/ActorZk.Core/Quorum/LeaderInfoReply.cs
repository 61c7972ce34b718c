namespace ActorZk.Core.Quorum;

/// <summary>A learner's answer to LEADERINFO.</summary>
/// <param name="Outcome">Accepted, already accepted, or refused.</param>
/// <param name="AckCurrentEpoch">The currentEpoch to put in ACKEPOCH (-1 when already accepted); meaningless when refused.</param>
public readonly record struct LeaderInfoReply(LeaderInfoOutcome Outcome, long AckCurrentEpoch);
