using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Checks a znode's version, as an op of a multi (jute <c>org.apache.zookeeper.proto.CheckVersionRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Version">The expected data version, or -1 for any.</param>
public sealed record CheckVersionRequest(string Path, int Version) : IJuteRecord<CheckVersionRequest>, IPathRequest
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
    public static CheckVersionRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadInt()) { PathIsNull = path is null };
    }
}
