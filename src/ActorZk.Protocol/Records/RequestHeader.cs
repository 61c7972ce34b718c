using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The header in front of every client request after the handshake (jute <c>org.apache.zookeeper.proto.RequestHeader</c>).</summary>
/// <param name="Xid">The client's request id, echoed in the reply; negative values are reserved (see <see cref="Xids"/>).</param>
/// <param name="Type">The request type; may be a value outside <see cref="OpCode"/> when a client sends an unknown op.</param>
public readonly record struct RequestHeader(int Xid, OpCode Type) : IJuteRecord<RequestHeader>
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 8;

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteInt((int)Type);
    }

    /// <inheritdoc />
    public static RequestHeader Deserialize(ref JuteReader reader) => new(reader.ReadInt(), (OpCode)reader.ReadInt());
}
