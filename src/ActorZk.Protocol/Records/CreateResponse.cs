using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to create (jute <c>org.apache.zookeeper.proto.CreateResponse</c>).</summary>
/// <param name="Path">The created path (with the sequence suffix, if any).</param>
public sealed record CreateResponse(string Path) : IJuteRecord<CreateResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(Path);

    /// <inheritdoc />
    public static CreateResponse Deserialize(ref JuteReader reader) => new(reader.ReadString() ?? string.Empty);
}
