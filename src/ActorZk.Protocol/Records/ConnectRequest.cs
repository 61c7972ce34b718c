using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// The handshake a client sends as its first frame, without a <see cref="RequestHeader"/>
/// (jute <c>org.apache.zookeeper.proto.ConnectRequest</c>).
/// </summary>
/// <remarks>
/// Clients of ZooKeeper 3.3 and older omit the trailing <c>readOnly</c> byte. <see cref="Deserialize"/>
/// reads it only if bytes remain and records whether it was there in <see cref="HasReadOnlyFlag"/>,
/// so the server can omit the flag from its <see cref="ConnectResponse"/> in turn.
/// </remarks>
/// <param name="ProtocolVersion">The client's protocol version (0).</param>
/// <param name="LastZxidSeen">The last zxid the client has seen; a server behind it must refuse the session.</param>
/// <param name="TimeOut">The requested session timeout in milliseconds.</param>
/// <param name="SessionId">The session to resume, or 0 for a new session.</param>
/// <param name="Passwd">The session password (16 zero bytes for a new session).</param>
/// <param name="ReadOnly">Whether the client accepts a read-only server; false when the flag was absent.</param>
public sealed record ConnectRequest(
    int ProtocolVersion,
    long LastZxidSeen,
    int TimeOut,
    long SessionId,
    byte[] Passwd,
    bool ReadOnly) : IJuteRecord<ConnectRequest>
{
    /// <summary>
    /// Whether the <c>readOnly</c> byte is on the wire. Not a jute field: false for a request of an old
    /// client that omitted it; <see cref="Serialize"/> writes the byte only when this is true (the default).
    /// </summary>
    public bool HasReadOnlyFlag { get; init; } = true;

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteLong(LastZxidSeen);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (HasReadOnlyFlag)
        {
            writer.WriteBool(ReadOnly);
        }
    }

    /// <inheritdoc />
    public static ConnectRequest Deserialize(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var lastZxidSeen = reader.ReadLong();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = reader.ReadBuffer() ?? [];
        var hasFlag = reader.Remaining > 0;
        var readOnly = hasFlag && reader.ReadBool();
        return new(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly) { HasReadOnlyFlag = hasFlag };
    }
}
