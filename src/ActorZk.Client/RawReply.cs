using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client;

/// <summary>The reply to <see cref="ZooKeeperClient.SendAsync"/>: the header and the undecoded body.</summary>
/// <param name="Header">The reply header (xid, zxid, error code).</param>
/// <param name="Body">The bytes after the header (empty for most error replies).</param>
public sealed record RawReply(ReplyHeader Header, byte[] Body)
{
    /// <summary>The reply's error code.</summary>
    public ErrorCode Error => Header.Err;

    /// <summary>Decodes the body as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The response record type.</typeparam>
    /// <returns>The record.</returns>
    /// <exception cref="JuteException">The body does not hold a <typeparamref name="T"/>.</exception>
    public T Read<T>()
        where T : IJuteReadable<T>
    {
        var reader = new JuteReader(Body);
        return T.Deserialize(ref reader);
    }
}
