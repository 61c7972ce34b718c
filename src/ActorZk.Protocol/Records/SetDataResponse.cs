using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to setData (jute <c>org.apache.zookeeper.proto.SetDataResponse</c>).</summary>
/// <param name="Stat">The znode's new Stat.</param>
public sealed record SetDataResponse(Stat Stat) : IJuteRecord<SetDataResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteRecord(Stat);

    /// <inheritdoc />
    public static SetDataResponse Deserialize(ref JuteReader reader) => new(reader.ReadRecord<Stat>());
}
