using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Lists a znode's children (jute <c>org.apache.zookeeper.proto.GetChildrenRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Watch">Whether to leave a child watch.</param>
public sealed record GetChildrenRequest(string Path, bool Watch) : IJuteRecord<GetChildrenRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteBool(Watch);
    }

    /// <inheritdoc />
    public static GetChildrenRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadBool()) { PathIsNull = path is null };
    }
}
