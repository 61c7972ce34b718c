namespace ActorZk.Bench.Phases;

/// <summary>
/// One watcher session and the writer session that triggers its watches, over <c>outstanding</c> nodes. The timing
/// state is the watcher's (touched under its lock); <see cref="Active"/> is shared with the writer, hence atomic.
/// </summary>
internal sealed class WatchPair
{
    private int active;

    public WatchPair(int slots, long budget)
    {
        SetTimestamps = new long[slots];
        Budget = budget;
    }

    /// <summary>When the setData that should fire each slot's watch was encoded (Stopwatch ticks).</summary>
    public long[] SetTimestamps { get; }

    /// <summary>Events to measure.</summary>
    public long Budget { get; }

    /// <summary>Watches armed so far.</summary>
    public long Issued { get; set; }

    /// <summary>Slots still cycling; the pair is done at 0.</summary>
    public int Active => Volatile.Read(ref active);

    /// <summary>When the pair finished.</summary>
    public long EndTimestamp { get; set; }

    /// <summary>Counts a slot that started cycling.</summary>
    public void SlotStarted() => Interlocked.Increment(ref active);

    /// <summary>Ends one slot; true when it was the last.</summary>
    public bool SlotEnded() => Interlocked.Decrement(ref active) == 0;

    /// <summary>Ends every slot at once; returns how many were still active (0 if the pair was already done).</summary>
    public int EndAll() => Interlocked.Exchange(ref active, 0);
}
