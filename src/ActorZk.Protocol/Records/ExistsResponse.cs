using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to exists (jute <c>org.apache.zookeeper.proto.ExistsResponse</c>).</summary>
/// <param name="Stat">The znode's Stat.</param>
public sealed record ExistsResponse(Stat Stat) : IJuteRecord<ExistsResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteRecord(Stat);

    /// <inheritdoc />
    public static ExistsResponse Deserialize(ref JuteReader reader) => new(reader.ReadRecord<Stat>());
}
