using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>A reply holding one int: getAllChildrenNumber.</summary>
internal readonly struct IntCodec : IReplyCodec<int>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static int Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => body.ReadInt();
}
