using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The body of a failed op inside a multi reply (jute <c>org.apache.zookeeper.proto.ErrorResponse</c>).</summary>
/// <param name="Err">The op's error code.</param>
public sealed record ErrorResponse(ErrorCode Err) : IJuteRecord<ErrorResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteInt((int)Err);

    /// <inheritdoc />
    public static ErrorResponse Deserialize(ref JuteReader reader) => new((ErrorCode)reader.ReadInt());
}
