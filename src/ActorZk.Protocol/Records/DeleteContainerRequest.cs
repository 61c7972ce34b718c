using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// Deletes an empty container or expired TTL node, opcode deleteContainer. Not in zookeeper.jute: ZooKeeper
/// hand-writes it (<c>org.apache.zookeeper.DeleteContainerRequest</c>) as a single <c>buffer</c> holding the
/// UTF-8 path. Its own container manager sends it, but ZooKeeper also accepts it from clients.
/// </summary>
/// <param name="Path">The znode path.</param>
public sealed record DeleteContainerRequest(string Path) : IJuteRecord<DeleteContainerRequest>
{
    /// <inheritdoc />
    // A jute buffer and a ustring have the same encoding, so the path is written as a string.
    public void Serialize(ref JuteWriter writer) => writer.WriteString(Path);

    /// <inheritdoc />
    public static DeleteContainerRequest Deserialize(ref JuteReader reader) => new(reader.ReadString() ?? string.Empty);
}
