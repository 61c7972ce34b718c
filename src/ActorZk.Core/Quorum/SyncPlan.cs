namespace ActorZk.Core.Quorum;

/// <summary>
/// How the leader brings one learner in sync (ZooKeeper's DIFF, TRUNC and SNAP): <see cref="DiffSync"/>,
/// <see cref="TruncSync"/> or <see cref="SnapSync"/>.
/// </summary>
public abstract record SyncPlan
{
    private protected SyncPlan()
    {
    }

    /// <summary>
    /// The zxid the learner holds once the plan is carried out. In the same actor turn that computes the plan, the
    /// leader starts forwarding to the learner every proposal above this zxid (PROPOSAL, and COMMIT once committed),
    /// so that nothing falls between the sync and the broadcast.
    /// </summary>
    public abstract long SyncedThrough { get; }
}
