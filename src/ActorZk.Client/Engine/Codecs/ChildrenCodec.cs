using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>getChildren: the children's names.</summary>
internal readonly struct ChildrenCodec : IReplyCodec<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static IReadOnlyList<string> Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => body.ReadStringVector() ?? [];
}
