using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>The Stat of setData and setACL.</summary>
internal readonly struct StatCodec : IReplyCodec<Stat>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static Stat Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => Stat.Deserialize(ref body);
}
