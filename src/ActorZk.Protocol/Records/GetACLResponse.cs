using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to getACL (jute <c>org.apache.zookeeper.proto.GetACLResponse</c>).</summary>
/// <param name="Acl">The znode's ACL.</param>
/// <param name="Stat">The znode's Stat.</param>
public sealed record GetACLResponse(IReadOnlyList<Acl> Acl, Stat Stat) : IJuteRecord<GetACLResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteVector(Acl);
        writer.WriteRecord(Stat);
    }

    /// <inheritdoc />
    public static GetACLResponse Deserialize(ref JuteReader reader) => new(
        reader.ReadVector<Acl>() ?? [],
        reader.ReadRecord<Stat>());
}
