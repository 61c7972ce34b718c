using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Asks the server to catch up with the leader (jute <c>org.apache.zookeeper.proto.SyncRequest</c>).</summary>
/// <param name="Path">The path the client syncs on.</param>
public sealed record SyncRequest(string Path) : IJuteRecord<SyncRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(Path);

    /// <inheritdoc />
    public static SyncRequest Deserialize(ref JuteReader reader) => new(reader.ReadString() ?? string.Empty);
}
