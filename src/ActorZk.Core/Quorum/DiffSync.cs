namespace ActorZk.Core.Quorum;

/// <summary>
/// DIFF: the learner's log is a prefix of the leader's; send DIFF, then PROPOSAL and COMMIT for each committed txn
/// with <paramref name="After"/> &lt; zxid &lt;= <paramref name="UpTo"/>. Empty when both are equal.
/// </summary>
/// <param name="After">The learner's last zxid.</param>
/// <param name="UpTo">The last committed zxid to send (the DIFF packet's zxid).</param>
public sealed record DiffSync(long After, long UpTo) : SyncPlan
{
    /// <summary>True if the learner is already in sync.</summary>
    public bool IsEmpty => After == UpTo;

    /// <inheritdoc/>
    public override long SyncedThrough => Math.Max(After, UpTo);
}
