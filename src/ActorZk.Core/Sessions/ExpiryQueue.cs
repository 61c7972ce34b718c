namespace ActorZk.Core.Sessions;

/// <summary>
/// Elements expiring in fixed-width time buckets (ZooKeeper's <c>ExpiryQueue</c>): an element touched at
/// time t with timeout d expires at the end of the interval containing t + d, so one timer per interval
/// serves every element. Time is passed in by the caller. Not thread-safe.
/// </summary>
/// <typeparam name="T">The element type (compared with its default equality).</typeparam>
public sealed class ExpiryQueue<T>
    where T : notnull
{
    private readonly Dictionary<T, long> elementExpiry = [];
    private readonly Dictionary<long, HashSet<T>> buckets = [];
    private readonly int expirationInterval;
    private long nextExpirationTime;

    /// <summary>Creates an empty queue whose first bucket ends after <paramref name="nowMs"/>.</summary>
    /// <param name="expirationInterval">Bucket width in ms (the tick time for sessions).</param>
    /// <param name="nowMs">The current time of the caller's monotonic clock.</param>
    public ExpiryQueue(int expirationInterval, long nowMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expirationInterval);
        this.expirationInterval = expirationInterval;
        nextExpirationTime = RoundToNextInterval(nowMs);
    }

    /// <summary>Number of elements.</summary>
    public int Count => elementExpiry.Count;

    /// <summary>The end of the next bucket to expire.</summary>
    public long NextExpirationTime => nextExpirationTime;

    /// <summary>
    /// Sets the element to expire at the interval boundary after <paramref name="nowMs"/> + <paramref name="timeout"/>.
    /// Returns the new expiry time, or <see langword="null"/> if it did not change.
    /// </summary>
    public long? Update(T element, int timeout, long nowMs)
    {
        var newExpiry = RoundToNextInterval(nowMs + timeout);
        if (elementExpiry.TryGetValue(element, out var previous) && previous == newExpiry)
        {
            return null;
        }

        if (!buckets.TryGetValue(newExpiry, out var bucket))
        {
            bucket = [];
            buckets[newExpiry] = bucket;
        }

        bucket.Add(element);
        if (elementExpiry.TryGetValue(element, out previous) && buckets.TryGetValue(previous, out var previousBucket))
        {
            previousBucket.Remove(element);
        }

        elementExpiry[element] = newExpiry;
        return newExpiry;
    }

    /// <summary>Removes the element; returns when it was due to expire, or <see langword="null"/>.</summary>
    public long? Remove(T element)
    {
        if (!elementExpiry.Remove(element, out var expiry))
        {
            return null;
        }

        // Empty buckets are left to expire, as ZooKeeper does.
        if (buckets.TryGetValue(expiry, out var bucket))
        {
            bucket.Remove(element);
        }

        return expiry;
    }

    /// <summary>Milliseconds until the next bucket expires, 0 if one is due.</summary>
    public long GetWaitTime(long nowMs) => nowMs < nextExpirationTime ? nextExpirationTime - nowMs : 0;

    /// <summary>
    /// Takes the next bucket if its time has come (ZooKeeper's <c>poll</c>): returns its elements (possibly
    /// none) and moves on to the following interval; returns an empty list if it is not yet due.
    /// </summary>
    public IReadOnlyCollection<T> Poll(long nowMs)
    {
        if (nowMs < nextExpirationTime)
        {
            return [];
        }

        var expirationTime = nextExpirationTime;
        nextExpirationTime += expirationInterval;
        if (!buckets.Remove(expirationTime, out var bucket))
        {
            return [];
        }

        foreach (var element in bucket)
        {
            elementExpiry.Remove(element);
        }

        return bucket;
    }

    /// <summary>Expiry time to elements, for the <c>dump</c> report.</summary>
    public IReadOnlyDictionary<long, IReadOnlyCollection<T>> GetExpiryMap()
    {
        var result = new SortedDictionary<long, IReadOnlyCollection<T>>();
        foreach (var (time, bucket) in buckets)
        {
            result[time] = [.. bucket];
        }

        return result;
    }

    private long RoundToNextInterval(long time) => ((time / expirationInterval) + 1) * expirationInterval;
}
