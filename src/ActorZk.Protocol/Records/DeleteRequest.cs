using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Deletes a znode (jute <c>org.apache.zookeeper.proto.DeleteRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Version">The expected data version, or -1 for any.</param>
public sealed record DeleteRequest(string Path, int Version) : IJuteRecord<DeleteRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Version);
    }

    /// <inheritdoc />
    public static DeleteRequest Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadInt());
}
