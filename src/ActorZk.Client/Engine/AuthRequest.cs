using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <summary>
/// An addAuth call. Auth packets are answered out of band (the server handles them on arrival, ahead of queued
/// requests), with xid -4, so they wait in a FIFO of their own rather than in the FIFO of sent requests.
/// </summary>
internal sealed class AuthRequest : TaskCompletionSource<bool>, IPendingRequest
{
    private Exception? error;

    /// <summary>Creates the call.</summary>
    /// <param name="packet">The auth packet.</param>
    public AuthRequest(AuthPacket packet)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Request = packet;
    }

    /// <inheritdoc />
    public OpCode OpCode => OpCode.Auth;

    /// <inheritdoc />
    public IJuteRecord? Request { get; }

    /// <inheritdoc />
    public int Xid
    {
        get => Xids.Auth;
        set { }
    }

    /// <inheritdoc />
    public long SentAt { get; set; }

    /// <inheritdoc />
    public void OnReply(in ReplyHeader header, ref JuteReader body, ClientSession session)
    {
        if (header.Err != ErrorCode.Ok)
        {
            error = KeeperException.Create(header.Err, null);
        }
    }

    /// <inheritdoc />
    public void SetError(Exception error) => this.error = error;

    /// <inheritdoc />
    public void Complete()
    {
        if (error is not null)
        {
            TrySetException(error);
        }
        else
        {
            TrySetResult(true);
        }
    }
}
