namespace ActorZk.Bench.Runner;

/// <summary>The outcome of one run, as printed in the table and the JSON line.</summary>
internal sealed record RunResult
{
    public required string Workload { get; init; }

    public required string Servers { get; init; }

    public required int Sessions { get; init; }

    public required int Outstanding { get; init; }

    public required int Payload { get; init; }

    /// <summary>Operations completed in the measured phase (failed ones included).</summary>
    public required long Ops { get; init; }

    public required double DurationSeconds { get; init; }

    public required double OpsPerSecond { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double P999Ms { get; init; }

    public required double MaxMs { get; init; }

    public required double MeanMs { get; init; }

    /// <summary>Failed operations in all.</summary>
    public required long Errors { get; init; }

    /// <summary>Failed operations by error code name, most frequent first.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> ErrorsByCode { get; init; }

    /// <summary>Why sessions ended early, if any did.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>CPU seconds of this process over the measured phase.</summary>
    public required double ClientCpuSeconds { get; init; }

    /// <summary>CPU seconds of the <c>--server-pid</c> processes over the measured phase, when given and readable.</summary>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>Client CPU microseconds per op.</summary>
    public double ClientCpuMicrosPerOp => Ops == 0 ? 0 : ClientCpuSeconds * 1e6 / Ops;

    /// <summary>Server CPU microseconds per op, when measured.</summary>
    public double? ServerCpuMicrosPerOp => ServerCpuSeconds is { } s && Ops > 0 ? s * 1e6 / Ops : null;
}
