using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Durability;

/// <summary>One reply frame as received: its header and the undecoded body after it.</summary>
internal readonly record struct WireReply(ReplyHeader Header, byte[] Body)
{
    public ErrorCode Err => Header.Err;

    public long Zxid => Header.Zxid;

    /// <summary>Decodes the body as <typeparamref name="T"/>; throws if the reply is an error.</summary>
    public T Read<T>()
        where T : IJuteReadable<T>
    {
        if (Err != ErrorCode.Ok)
        {
            throw new InvalidOperationException($"reply xid {Header.Xid} is an error: {Err}");
        }

        var reader = new JuteReader(Body);
        return T.Deserialize(ref reader);
    }

    /// <summary>A multi's body is decoded even when the multi failed: it holds one result per op.</summary>
    public MultiResponse ReadMulti()
    {
        var reader = new JuteReader(Body);
        return MultiResponse.Deserialize(ref reader);
    }
}
