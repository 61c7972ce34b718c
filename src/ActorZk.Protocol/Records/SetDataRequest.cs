using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Writes a znode's data (jute <c>org.apache.zookeeper.proto.SetDataRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Data">The new data; <see langword="null"/> is kept distinct from empty.</param>
/// <param name="Version">The expected data version, or -1 for any.</param>
public sealed record SetDataRequest(string Path, byte[]? Data, int Version) : IJuteRecord<SetDataRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteBuffer(Data);
        writer.WriteInt(Version);
    }

    /// <inheritdoc />
    public static SetDataRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadBuffer(),
            reader.ReadInt()) { PathIsNull = path is null };
    }
}
