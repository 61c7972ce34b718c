using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>A reply whose body (if any) is ignored: delete, sync, addWatch, removeWatches, closeSession.</summary>
internal readonly struct VoidCodec : IReplyCodec<bool>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static bool Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => true;
}
