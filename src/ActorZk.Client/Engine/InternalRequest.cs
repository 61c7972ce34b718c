using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <summary>A request the client sends on its own behalf (setWatches after a reconnect); its reply is only consumed.</summary>
internal sealed class InternalRequest : IPendingRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="opCode">The request type.</param>
    /// <param name="xid">The fixed xid.</param>
    /// <param name="request">The body.</param>
    public InternalRequest(OpCode opCode, int xid, IJuteRecord request)
    {
        OpCode = opCode;
        Xid = xid;
        Request = request;
    }

    /// <inheritdoc />
    public OpCode OpCode { get; }

    /// <inheritdoc />
    public IJuteRecord? Request { get; }

    /// <inheritdoc />
    public int Xid { get; set; }

    /// <inheritdoc />
    public long SentAt { get; set; }

    /// <inheritdoc />
    public void OnReply(in ReplyHeader header, ref JuteReader body, ClientSession session)
    {
    }

    /// <inheritdoc />
    public void SetError(Exception error)
    {
    }

    /// <inheritdoc />
    public void Complete()
    {
    }
}
