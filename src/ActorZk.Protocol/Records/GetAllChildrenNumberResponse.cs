using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to getAllChildrenNumber (jute <c>org.apache.zookeeper.proto.GetAllChildrenNumberResponse</c>).</summary>
/// <param name="TotalNumber">The number of descendants.</param>
public sealed record GetAllChildrenNumberResponse(int TotalNumber) : IJuteRecord<GetAllChildrenNumberResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteInt(TotalNumber);

    /// <inheritdoc />
    public static GetAllChildrenNumberResponse Deserialize(ref JuteReader reader) => new(reader.ReadInt());
}
