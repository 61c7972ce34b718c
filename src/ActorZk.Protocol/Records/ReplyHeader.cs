using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The header in front of every reply and notification after the handshake (jute <c>org.apache.zookeeper.proto.ReplyHeader</c>).</summary>
/// <param name="Xid">The xid of the request answered, or a reserved xid (see <see cref="Xids"/>).</param>
/// <param name="Zxid">The last zxid the server has applied (for notifications: the zxid of the change).</param>
/// <param name="Err">The result; when not <see cref="ErrorCode.Ok"/> clients ignore any body.</param>
public readonly record struct ReplyHeader(int Xid, long Zxid, ErrorCode Err) : IJuteRecord<ReplyHeader>
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 16;

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteLong(Zxid);
        writer.WriteInt((int)Err);
    }

    /// <inheritdoc />
    public static ReplyHeader Deserialize(ref JuteReader reader)
        => new(reader.ReadInt(), reader.ReadLong(), (ErrorCode)reader.ReadInt());
}
