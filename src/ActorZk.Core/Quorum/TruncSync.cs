namespace ActorZk.Core.Quorum;

/// <summary>
/// TRUNC: the learner holds txns the leader's history does not contain; it drops every txn after
/// <paramref name="TruncateTo"/> (durably, and rebuilds its tree from what remains), then receives PROPOSAL and
/// COMMIT for each committed txn with <paramref name="TruncateTo"/> &lt; zxid &lt;= <paramref name="UpTo"/>.
/// </summary>
/// <param name="TruncateTo">The last zxid the learner keeps (the TRUNC packet's zxid).</param>
/// <param name="UpTo">The last committed zxid to send afterwards; equal to <paramref name="TruncateTo"/> when there is nothing to send.</param>
public sealed record TruncSync(long TruncateTo, long UpTo) : SyncPlan
{
    /// <inheritdoc/>
    public override long SyncedThrough => UpTo;
}
