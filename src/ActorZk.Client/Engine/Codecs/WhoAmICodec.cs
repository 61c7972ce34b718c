using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>whoAmI: the session's identities.</summary>
internal readonly struct WhoAmICodec : IReplyCodec<IReadOnlyList<ClientInfo>>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static IReadOnlyList<ClientInfo> Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
        => WhoAmIResponse.Deserialize(ref body).ClientInfo;
}
