namespace ActorZk.Core.Quorum;

/// <summary>
/// SNAP: the leader cannot diff from the learner's zxid; it sends its whole tree (and session table) as of
/// <paramref name="SnapshotZxid"/>, which replaces the learner's state.
/// </summary>
/// <param name="SnapshotZxid">The leader's last processed zxid, which the snapshot reflects.</param>
public sealed record SnapSync(long SnapshotZxid) : SyncPlan
{
    /// <inheritdoc/>
    public override long SyncedThrough => SnapshotZxid;
}
