using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>getACL: the ACL and the Stat.</summary>
internal readonly struct AclCodec : IReplyCodec<(IReadOnlyList<Acl> Acl, Stat Stat)>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static (IReadOnlyList<Acl> Acl, Stat Stat) Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
    {
        var response = GetACLResponse.Deserialize(ref body);
        return (response.Acl, response.Stat);
    }
}
