using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to setACL (jute <c>org.apache.zookeeper.proto.SetACLResponse</c>).</summary>
/// <param name="Stat">The znode's new Stat.</param>
public sealed record SetACLResponse(Stat Stat) : IJuteRecord<SetACLResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteRecord(Stat);

    /// <inheritdoc />
    public static SetACLResponse Deserialize(ref JuteReader reader) => new(reader.ReadRecord<Stat>());
}
