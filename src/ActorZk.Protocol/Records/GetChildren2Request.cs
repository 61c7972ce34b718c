using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Lists a znode's children and returns its Stat (jute <c>org.apache.zookeeper.proto.GetChildren2Request</c>).</summary>
/// <param name="Path">The znode path.</param>
/// <param name="Watch">Whether to leave a child watch.</param>
public sealed record GetChildren2Request(string Path, bool Watch) : IJuteRecord<GetChildren2Request>, IPathRequest
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
    public static GetChildren2Request Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadBool()) { PathIsNull = path is null };
    }
}
