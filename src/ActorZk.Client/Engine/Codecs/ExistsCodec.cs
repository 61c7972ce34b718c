using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>exists: the Stat, or null when the node does not exist.</summary>
internal readonly struct ExistsCodec : IReplyCodec<Stat?>
{
    /// <inheritdoc />
    public static bool DecodesErrors => true;

    /// <inheritdoc />
    public static Stat? Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
    {
        if (header.Err == ErrorCode.NoNode)
        {
            return null;
        }

        if (header.Err != ErrorCode.Ok)
        {
            throw KeeperException.Create(header.Err, context.ClientPath);
        }

        return Stat.Deserialize(ref body);
    }
}
