using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Reads a znode's ACL (jute <c>org.apache.zookeeper.proto.GetACLRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
public sealed record GetACLRequest(string Path) : IJuteRecord<GetACLRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(PathIsNull ? null : Path);

    /// <inheritdoc />
    public static GetACLRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(path ?? string.Empty) { PathIsNull = path is null };
    }
}
