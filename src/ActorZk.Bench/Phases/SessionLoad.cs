using ActorZk.Bench.Metrics;

namespace ActorZk.Bench.Phases;

/// <summary>One session's share of a phase; touched only with that session's lock held.</summary>
internal sealed class SessionLoad
{
    private long completed;

    /// <summary>Requests this session may still start, counting those started.</summary>
    public long Budget { get; set; }

    /// <summary>Requests started.</summary>
    public long Issued { get; set; }

    /// <summary>Requests answered (read by the progress line without the lock).</summary>
    public long Completed => Volatile.Read(ref completed);

    /// <summary>Requests in flight.</summary>
    public int InFlight { get; set; }

    /// <summary>True once the session has nothing in flight and nothing more to start.</summary>
    public bool Done { get; set; }

    /// <summary>When the session's last reply came (Stopwatch ticks).</summary>
    public long EndTimestamp { get; set; }

    /// <summary>Latency of this session's operations.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>This session's errors.</summary>
    public ErrorCounter Errors { get; } = new();

    /// <summary>Counts one answered request.</summary>
    public void AddCompleted() => Volatile.Write(ref completed, completed + 1);
}
