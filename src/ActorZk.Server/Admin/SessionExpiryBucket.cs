namespace ActorZk.Server.Admin;

/// <summary>
/// Sessions that expire together unless touched again: one bucket of ZooKeeper's ExpiryQueue, where every deadline
/// is rounded up to the next multiple of tickTime.
/// </summary>
/// <param name="ExpiresAtUtc">The bucket's deadline.</param>
/// <param name="SessionIds">The sessions in it.</param>
public sealed record SessionExpiryBucket(DateTime ExpiresAtUtc, IReadOnlyList<long> SessionIds)
{
    /// <summary>
    /// The deadline on the session tracker's monotonic millisecond clock (<see cref="Environment.TickCount64"/>), which
    /// the AdminServer's dump prints as ZooKeeper prints its own elapsed-time clock; 0 when not known.
    /// </summary>
    public long ExpiresAtMonotonicMs { get; init; }

    /// <summary>
    /// The bucket deadline ZooKeeper's ExpiryQueue gives to <paramref name="deadlineUtc"/>: the next multiple of
    /// <paramref name="intervalMs"/> strictly after it (tickTime for sessions, 10 s for connections, whose
    /// <see cref="ConnectionInfo.ExpiresAtUtc"/> should be rounded the same way so that dump groups them).
    /// </summary>
    public static DateTime RoundUp(DateTime deadlineUtc, int intervalMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMs);
        var interval = TimeSpan.FromMilliseconds(intervalMs).Ticks;
        var ticks = ((deadlineUtc.Ticks / interval) + 1) * interval;
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
