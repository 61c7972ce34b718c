using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to sync (jute <c>org.apache.zookeeper.proto.SyncResponse</c>).</summary>
/// <param name="Path">The path of the request.</param>
public sealed record SyncResponse(string Path) : IJuteRecord<SyncResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(Path);

    /// <inheritdoc />
    public static SyncResponse Deserialize(ref JuteReader reader) => new(reader.ReadString() ?? string.Empty);
}
