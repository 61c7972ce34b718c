using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Removes watches (jute <c>org.apache.zookeeper.proto.RemoveWatchesRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Type">The raw watcher type (see <see cref="WatcherType"/>); the server validates it.</param>
public sealed record RemoveWatchesRequest(string Path, int Type) : IJuteRecord<RemoveWatchesRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Type);
    }

    /// <inheritdoc />
    public static RemoveWatchesRequest Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadInt());
}
