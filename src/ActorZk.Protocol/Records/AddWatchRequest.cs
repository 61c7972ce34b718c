using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Adds a persistent or persistent-recursive watch (jute <c>org.apache.zookeeper.proto.AddWatchRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Mode">The raw watch mode (see <see cref="AddWatchMode"/>); the server validates it.</param>
public sealed record AddWatchRequest(string Path, int Mode) : IJuteRecord<AddWatchRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Mode);
    }

    /// <inheritdoc />
    public static AddWatchRequest Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadInt());
}
