using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to getEphemerals (jute <c>org.apache.zookeeper.proto.GetEphemeralsResponse</c>).</summary>
/// <param name="Ephemerals">The ephemeral paths.</param>
public sealed record GetEphemeralsResponse(IReadOnlyList<string> Ephemerals) : IJuteRecord<GetEphemeralsResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteStringVector(Ephemerals);

    /// <inheritdoc />
    public static GetEphemeralsResponse Deserialize(ref JuteReader reader) => new(reader.ReadStringVector() ?? []);
}
