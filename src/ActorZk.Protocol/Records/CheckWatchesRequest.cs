using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Checks that a watch exists (jute <c>org.apache.zookeeper.proto.CheckWatchesRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Type">The raw watcher type (see <see cref="WatcherType"/>); the server validates it.</param>
public sealed record CheckWatchesRequest(string Path, int Type) : IJuteRecord<CheckWatchesRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteInt(Type);
    }

    /// <inheritdoc />
    public static CheckWatchesRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadInt()) { PathIsNull = path is null };
    }
}
