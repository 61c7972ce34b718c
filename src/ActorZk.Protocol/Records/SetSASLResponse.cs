using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The server's SASL challenge, the reply to opcode sasl (jute <c>org.apache.zookeeper.proto.SetSASLResponse</c>).</summary>
/// <param name="Token">The server's SASL token.</param>
public sealed record SetSASLResponse(byte[] Token) : IJuteRecord<SetSASLResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteBuffer(Token);

    /// <inheritdoc />
    public static SetSASLResponse Deserialize(ref JuteReader reader) => new(reader.ReadBuffer() ?? []);
}
