namespace ActorZk.Core.Quorum;

/// <summary>A notification the shell must send to one member.</summary>
/// <param name="Recipient">The receiving member's server id.</param>
/// <param name="Notification">What to send.</param>
public readonly record struct OutgoingNotification(long Recipient, Notification Notification);
