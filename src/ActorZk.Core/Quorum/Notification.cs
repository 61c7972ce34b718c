namespace ActorZk.Core.Quorum;

/// <summary>
/// An election message (FastLeaderElection's notification): who sent it, the sender's state, and the vote it
/// reports — its proposal while LOOKING, the leader it settled on otherwise.
/// </summary>
/// <param name="Sender">The sending member's server id.</param>
/// <param name="State">The sender's state when it sent the message.</param>
/// <param name="Vote">The sender's vote; <see cref="Vote.ElectionEpoch"/> is its logical clock.</param>
public sealed record Notification(long Sender, ServerState State, Vote Vote);
