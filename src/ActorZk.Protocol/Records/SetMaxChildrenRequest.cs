using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Legacy request, no longer sent by clients (jute <c>org.apache.zookeeper.proto.SetMaxChildrenRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Max">The maximum number of children.</param>
public sealed record SetMaxChildrenRequest(string Path, int Max) : IJuteRecord<SetMaxChildrenRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Max);
    }

    /// <inheritdoc />
    public static SetMaxChildrenRequest Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadInt());
}
