using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Counts all descendants of a znode (jute <c>org.apache.zookeeper.proto.GetAllChildrenNumberRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
public sealed record GetAllChildrenNumberRequest(string Path) : IJuteRecord<GetAllChildrenNumberRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(PathIsNull ? null : Path);

    /// <inheritdoc />
    public static GetAllChildrenNumberRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(path ?? string.Empty) { PathIsNull = path is null };
    }
}
