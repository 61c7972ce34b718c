using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>getChildren2: the children's names and the parent's Stat.</summary>
internal readonly struct ChildrenAndStatCodec : IReplyCodec<(IReadOnlyList<string> Children, Stat Stat)>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static (IReadOnlyList<string> Children, Stat Stat) Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
    {
        var children = body.ReadStringVector() ?? [];
        return (children, Stat.Deserialize(ref body));
    }
}
