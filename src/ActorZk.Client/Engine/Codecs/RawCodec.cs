using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>A raw reply: the header and the body bytes, whatever the error code.</summary>
internal readonly struct RawCodec : IReplyCodec<RawReply>
{
    /// <inheritdoc />
    public static bool DecodesErrors => true;

    /// <inheritdoc />
    public static RawReply Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => new(header, body.UnreadSpan.ToArray());
}
