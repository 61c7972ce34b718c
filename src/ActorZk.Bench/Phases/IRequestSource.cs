using ActorZk.Bench.Engine;
using ActorZk.Protocol;

namespace ActorZk.Bench.Phases;

/// <summary>What a <see cref="ClosedLoopPhase"/> sends: the workload's next request for a slot, and its view of the replies.</summary>
/// <remarks>Called with the session's lock held (see <see cref="ISessionHandler"/>); per-session state needs no locking.</remarks>
internal interface IRequestSource
{
    /// <summary>Queues the next request of <paramref name="slot"/> on <paramref name="session"/>; false when the session has no more work.</summary>
    bool Issue(BenchSession session, int slot);

    /// <summary>
    /// Sees the reply to a request of <paramref name="slot"/> before the slot's next <see cref="Issue"/>; returns the
    /// error to count, normally <paramref name="err"/>, or another when the reply is not what the workload expects.
    /// </summary>
    ErrorCode OnReply(BenchSession session, int slot, OpCode op, ErrorCode err, ReadOnlySpan<byte> body);

    /// <summary>True for an error that is part of the plan (a cleanup deleting what is already gone) and is not counted.</summary>
    bool IsExpected(OpCode op, ErrorCode err);
}
