using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Legacy reply, no longer sent by servers (jute <c>org.apache.zookeeper.proto.GetMaxChildrenResponse</c>).</summary>
/// <param name="Max">The maximum number of children.</param>
public sealed record GetMaxChildrenResponse(int Max) : IJuteRecord<GetMaxChildrenResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteInt(Max);

    /// <inheritdoc />
    public static GetMaxChildrenResponse Deserialize(ref JuteReader reader) => new(reader.ReadInt());
}
