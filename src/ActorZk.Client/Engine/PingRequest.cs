using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <summary>The keep-alive ping. One shared instance: pings have a fixed xid and their replies are not matched.</summary>
internal sealed class PingRequest : IPendingRequest
{
    /// <summary>The instance queued by the heartbeat.</summary>
    public static readonly PingRequest Instance = new();

    private PingRequest()
    {
    }

    /// <inheritdoc />
    public OpCode OpCode => OpCode.Ping;

    /// <inheritdoc />
    public IJuteRecord? Request => null;

    /// <inheritdoc />
    public int Xid
    {
        get => Xids.Ping;
        set { }
    }

    /// <inheritdoc />
    public long SentAt
    {
        get => 0;
        set { }
    }

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
