using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Counts all descendants of a znode (jute <c>org.apache.zookeeper.proto.GetAllChildrenNumberRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
public sealed record GetAllChildrenNumberRequest(string Path) : IJuteRecord<GetAllChildrenNumberRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(Path);

    /// <inheritdoc />
    public static GetAllChildrenNumberRequest Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty);
}
