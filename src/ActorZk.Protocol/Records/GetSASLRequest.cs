using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>A SASL token from the client, opcode sasl (jute <c>org.apache.zookeeper.proto.GetSASLRequest</c>).</summary>
/// <param name="Token">The client's SASL token.</param>
public sealed record GetSASLRequest(byte[] Token) : IJuteRecord<GetSASLRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteBuffer(Token);

    /// <inheritdoc />
    public static GetSASLRequest Deserialize(ref JuteReader reader) => new(reader.ReadBuffer() ?? []);
}
