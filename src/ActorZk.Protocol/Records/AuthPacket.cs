using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Adds authentication to the session, opcode auth, xid -4 (jute <c>org.apache.zookeeper.proto.AuthPacket</c>).</summary>
/// <param name="Type">Unused by ZooKeeper; clients send 0.</param>
/// <param name="Scheme">The auth scheme, for example <c>digest</c>.</param>
/// <param name="Auth">The scheme-specific credentials.</param>
public sealed record AuthPacket(int Type, string Scheme, byte[] Auth) : IJuteRecord<AuthPacket>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt(Type);
        writer.WriteString(Scheme);
        writer.WriteBuffer(Auth);
    }

    /// <inheritdoc />
    public static AuthPacket Deserialize(ref JuteReader reader) => new(
        reader.ReadInt(),
        reader.ReadString() ?? string.Empty,
        reader.ReadBuffer() ?? []);
}
