using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Adds a persistent or persistent-recursive watch (jute <c>org.apache.zookeeper.proto.AddWatchRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Mode">The raw watch mode (see <see cref="AddWatchMode"/>); the server validates it.</param>
public sealed record AddWatchRequest(string Path, int Mode) : IJuteRecord<AddWatchRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteInt(Mode);
    }

    /// <inheritdoc />
    public static AddWatchRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadInt()) { PathIsNull = path is null };
    }
}
