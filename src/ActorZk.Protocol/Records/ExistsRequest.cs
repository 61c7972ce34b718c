using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Checks whether a znode exists (jute <c>org.apache.zookeeper.proto.ExistsRequest</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Watch">Whether to leave an exist/data watch.</param>
public sealed record ExistsRequest(string Path, bool Watch) : IJuteRecord<ExistsRequest>, IPathRequest
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
    public static ExistsRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadBool()) { PathIsNull = path is null };
    }
}
