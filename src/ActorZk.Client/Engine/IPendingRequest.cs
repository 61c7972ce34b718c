using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <summary>
/// A request on its way through the session: queued for sending, then (once written with its xid) waiting in the
/// FIFO of sent requests for its reply.
/// </summary>
internal interface IPendingRequest
{
    /// <summary>The request type.</summary>
    OpCode OpCode { get; }

    /// <summary>The body after the header, or <see langword="null"/>.</summary>
    IJuteRecord? Request { get; }

    /// <summary>The xid it was sent with (set by the writer).</summary>
    int Xid { get; set; }

    /// <summary>When it was sent, in <see cref="Environment.TickCount64"/> milliseconds (set by the writer).</summary>
    long SentAt { get; set; }

    /// <summary>
    /// Handles the reply on the read loop: registers or removes watches and decodes the body. A connection loss is
    /// delivered the same way, with the error in the header and an empty body.
    /// </summary>
    /// <param name="header">The reply header.</param>
    /// <param name="body">The body after the header.</param>
    /// <param name="session">The session (watch tables, dispatcher).</param>
    void OnReply(in ReplyHeader header, ref JuteReader body, ClientSession session);

    /// <summary>Overrides the outcome with <paramref name="error"/>.</summary>
    /// <param name="error">The exception the caller will see.</param>
    void SetError(Exception error);

    /// <summary>Completes the caller's task with the outcome recorded by <see cref="OnReply"/> or <see cref="SetError"/>.</summary>
    void Complete();
}
