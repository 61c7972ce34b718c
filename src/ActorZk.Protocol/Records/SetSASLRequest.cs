using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>A SASL token request, unused by ZooKeeper's client and server but part of the jute module (jute <c>org.apache.zookeeper.proto.SetSASLRequest</c>).</summary>
/// <param name="Token">The SASL token.</param>
public sealed record SetSASLRequest(byte[] Token) : IJuteRecord<SetSASLRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteBuffer(Token);

    /// <inheritdoc />
    public static SetSASLRequest Deserialize(ref JuteReader reader) => new(reader.ReadBuffer() ?? []);
}
