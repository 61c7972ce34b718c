namespace ActorZk.Core.Quorum;

/// <summary>A vote as received from a member, with the member's state at the time.</summary>
internal readonly record struct ReceivedVote(Vote Vote, ServerState State);
