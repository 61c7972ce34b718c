using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Lists the session's ephemeral znodes (jute <c>org.apache.zookeeper.proto.GetEphemeralsRequest</c>).</summary>
/// <param name="PrefixPath">Only paths starting with this prefix; empty or / means all.</param>
public sealed record GetEphemeralsRequest(string PrefixPath) : IJuteRecord<GetEphemeralsRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(PrefixPath);

    /// <inheritdoc />
    public static GetEphemeralsRequest Deserialize(ref JuteReader reader) => new(reader.ReadString() ?? string.Empty);
}
