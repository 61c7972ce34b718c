using ActorZk.Bench.Metrics;

namespace ActorZk.Bench.Phases;

/// <summary>What a phase measured.</summary>
/// <param name="Ops">Operations completed (successful or not).</param>
/// <param name="Elapsed">From the first request to the last reply.</param>
/// <param name="Latency">Latency of every completed operation.</param>
/// <param name="Errors">Failed operations by error code, including requests lost with a connection or timed out.</param>
/// <param name="Failures">Why sessions ended early, if any did.</param>
internal sealed record PhaseResult(long Ops, TimeSpan Elapsed, LatencyHistogram Latency, ErrorCounter Errors, IReadOnlyList<string> Failures);
