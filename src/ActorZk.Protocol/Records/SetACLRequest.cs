using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Writes a znode's ACL (jute <c>org.apache.zookeeper.proto.SetACLRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Acl">The new ACL.</param>
/// <param name="Version">The expected ACL version (aversion), or -1 for any.</param>
public sealed record SetACLRequest(string Path, IReadOnlyList<Acl> Acl, int Version) : IJuteRecord<SetACLRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteVector(Acl);
        writer.WriteInt(Version);
    }

    /// <inheritdoc />
    public static SetACLRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadVector<Acl>() ?? [],
            reader.ReadInt()) { PathIsNull = path is null };
    }
}
