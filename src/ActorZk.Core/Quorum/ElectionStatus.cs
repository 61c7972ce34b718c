namespace ActorZk.Core.Quorum;

/// <summary>Where a member's election stands.</summary>
public enum ElectionStatus
{
    /// <summary>Looking, without a quorum for its proposal.</summary>
    Looking,

    /// <summary>
    /// A quorum of voters agrees with this member's proposal. The shell waits <see cref="LeaderElection.FinalizeWaitMs"/>
    /// and then calls <see cref="LeaderElection.Finalize(long)"/> with the step's <see cref="ElectionStep.FinalizeToken"/>;
    /// a better vote arriving meanwhile cancels it.
    /// </summary>
    AwaitingFinalize,

    /// <summary>The election is over: the member follows, leads or observes <see cref="LeaderElection.CurrentVote"/>.</summary>
    Decided,
}
