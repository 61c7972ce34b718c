using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>The path of a create (the first field of both CreateResponse and Create2Response), without the chroot.</summary>
internal readonly struct PathCodec : IReplyCodec<string>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static string Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => context.Chroot.Strip(body.ReadString() ?? string.Empty);
}
