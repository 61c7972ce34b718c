using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Reads a znode's data (jute <c>org.apache.zookeeper.proto.GetDataRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Watch">Whether to leave a data watch.</param>
public sealed record GetDataRequest(string Path, bool Watch) : IJuteRecord<GetDataRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteBool(Watch);
    }

    /// <inheritdoc />
    public static GetDataRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadBool()) { PathIsNull = path is null };
    }
}
