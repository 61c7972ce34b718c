namespace ActorZk.Core.Quorum;

/// <summary>What the shell must do after one call into <see cref="LeaderElection"/>.</summary>
/// <param name="Messages">Notifications to send, in order (a broadcast is one per recipient; never to oneself).</param>
/// <param name="Status">The election's status after the call.</param>
/// <param name="State">The member's state after the call.</param>
/// <param name="Decision">The vote settled on, only on the step that ended the election; the role is <paramref name="State"/>.</param>
/// <param name="FinalizeToken">
/// When <paramref name="Status"/> is <see cref="ElectionStatus.AwaitingFinalize"/>: the token to pass to
/// <see cref="LeaderElection.Finalize(long)"/> once the finalize wait is over. A new token means a new wait.
/// </param>
public sealed record ElectionStep(
    IReadOnlyList<OutgoingNotification> Messages,
    ElectionStatus Status,
    ServerState State,
    Vote? Decision,
    long FinalizeToken);
