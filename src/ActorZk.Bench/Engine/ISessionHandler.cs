using ActorZk.Protocol;

namespace ActorZk.Bench.Engine;

/// <summary>
/// What a phase of a run does with a session's traffic. Every call is made with the session's lock held (see
/// <see cref="BenchSession"/>), so a handler's state for one session needs no further locking.
/// </summary>
internal interface ISessionHandler
{
    /// <summary>A reply to <paramref name="request"/>; <paramref name="body"/> is valid only during the call.</summary>
    void OnReply(BenchSession session, in PendingRequest request, ErrorCode err, ReadOnlySpan<byte> body, long timestamp);

    /// <summary>A watch notification; <paramref name="path"/> is the UTF-8 path, valid only during the call.</summary>
    void OnNotification(BenchSession session, EventType type, ReadOnlySpan<byte> path, long timestamp);

    /// <summary>The connection is gone; <paramref name="lostRequests"/> were in flight and will never be answered.</summary>
    void OnClosed(BenchSession session, int lostRequests, Exception? reason);
}
