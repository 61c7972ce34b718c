using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Lists the session's ephemeral znodes (jute <c>org.apache.zookeeper.proto.GetEphemeralsRequest</c>).</summary>
/// <param name="PrefixPath">Only paths starting with this prefix; empty or / means all.</param>
public sealed record GetEphemeralsRequest(string PrefixPath) : IJuteRecord<GetEphemeralsRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(PathIsNull ? null : PrefixPath);

    /// <inheritdoc />
    public static GetEphemeralsRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(path ?? string.Empty) { PathIsNull = path is null };
    }
}
