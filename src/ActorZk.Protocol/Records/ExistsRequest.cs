using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Checks whether a znode exists (jute <c>org.apache.zookeeper.proto.ExistsRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Watch">Whether to leave an exist/data watch.</param>
public sealed record ExistsRequest(string Path, bool Watch) : IJuteRecord<ExistsRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBool(Watch);
    }

    /// <inheritdoc />
    public static ExistsRequest Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadBool());
}
