using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Deletes a znode (jute <c>org.apache.zookeeper.proto.DeleteRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Version">The expected data version, or -1 for any.</param>
public sealed record DeleteRequest(string Path, int Version) : IJuteRecord<DeleteRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteInt(Version);
    }

    /// <inheritdoc />
    public static DeleteRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadInt()) { PathIsNull = path is null };
    }
}
