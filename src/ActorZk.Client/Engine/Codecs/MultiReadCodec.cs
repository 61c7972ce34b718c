using ActorZk.Client.Multi;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>multiRead: the per-op results; each op succeeds or fails on its own, so failures do not throw.</summary>
internal readonly struct MultiReadCodec : IReplyCodec<IReadOnlyList<OpResult>>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static IReadOnlyList<OpResult> Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => MultiCodec.Map(MultiResponse.Deserialize(ref body), context.Chroot);
}
