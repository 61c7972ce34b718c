namespace ActorZk.Core.Quorum;

/// <summary>
/// What a member reports in ACKEPOCH (ZooKeeper's <c>StateSummary</c>): its currentEpoch and its last logged zxid.
/// </summary>
/// <param name="CurrentEpoch">The member's currentEpoch; -1 in an ACKEPOCH that must not count (the member had already accepted the epoch).</param>
/// <param name="LastZxid">The member's last logged zxid.</param>
public readonly record struct StateSummary(long CurrentEpoch, long LastZxid)
{
    /// <summary>True if this summary is ahead of <paramref name="other"/>: a higher currentEpoch, or the same one and a higher zxid.</summary>
    public bool IsMoreRecentThan(StateSummary other)
        => CurrentEpoch > other.CurrentEpoch || (CurrentEpoch == other.CurrentEpoch && LastZxid > other.LastZxid);
}
