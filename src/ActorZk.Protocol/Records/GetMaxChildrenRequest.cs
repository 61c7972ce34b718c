using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Legacy request, no longer sent by clients (jute <c>org.apache.zookeeper.proto.GetMaxChildrenRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
public sealed record GetMaxChildrenRequest(string Path) : IJuteRecord<GetMaxChildrenRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(Path);

    /// <inheritdoc />
    public static GetMaxChildrenRequest Deserialize(ref JuteReader reader) => new(reader.ReadString() ?? string.Empty);
}
