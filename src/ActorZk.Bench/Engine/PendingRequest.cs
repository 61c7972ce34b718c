using ActorZk.Protocol;

namespace ActorZk.Bench.Engine;

/// <summary>A request sent and not yet answered; replies come back in the order requests were sent.</summary>
/// <param name="Xid">The request's xid, checked against the reply's.</param>
/// <param name="Op">The request type.</param>
/// <param name="Tag">Whatever the workload needs to know which of its requests this was (a slot, a key).</param>
/// <param name="StartTimestamp">When the request was encoded (<see cref="System.Diagnostics.Stopwatch"/> ticks).</param>
internal readonly record struct PendingRequest(int Xid, OpCode Op, int Tag, long StartTimestamp);
