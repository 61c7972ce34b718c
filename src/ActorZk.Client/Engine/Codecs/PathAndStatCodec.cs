using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>The path and Stat of a create2, createContainer or createTTL.</summary>
internal readonly struct PathAndStatCodec : IReplyCodec<(string Path, Stat Stat)>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static (string Path, Stat Stat) Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
    {
        var response = Create2Response.Deserialize(ref body);
        return (context.Chroot.Strip(response.Path), response.Stat);
    }
}
