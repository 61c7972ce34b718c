using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// The server's answer to a <see cref="ConnectRequest"/>, sent without a <see cref="ReplyHeader"/>
/// (jute <c>org.apache.zookeeper.proto.ConnectResponse</c>).
/// </summary>
/// <remarks>
/// ZooKeeper omits the trailing <c>readOnly</c> byte for clients whose request lacked it; set
/// <see cref="WriteReadOnlyFlag"/> to false to do the same. <see cref="Deserialize"/> treats the byte as optional.
/// A refused session is answered with timeout 0, session id 0 and a zero password.
/// </remarks>
/// <param name="ProtocolVersion">The protocol version (0).</param>
/// <param name="TimeOut">The negotiated session timeout in milliseconds (0 when the session is refused).</param>
/// <param name="SessionId">The session id (0 when the session is refused).</param>
/// <param name="Passwd">The session password the client must present to resume the session.</param>
/// <param name="ReadOnly">Whether the server is read-only.</param>
public sealed record ConnectResponse(
    int ProtocolVersion,
    int TimeOut,
    long SessionId,
    byte[] Passwd,
    bool ReadOnly) : IJuteRecord<ConnectResponse>
{
    /// <summary>
    /// Whether the <c>readOnly</c> byte is on the wire. Not a jute field: <see cref="Serialize"/> writes the byte
    /// only when this is true (the default); <see cref="Deserialize"/> sets it to whether the byte was present.
    /// </summary>
    public bool WriteReadOnlyFlag { get; init; } = true;

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (WriteReadOnlyFlag)
        {
            writer.WriteBool(ReadOnly);
        }
    }

    /// <inheritdoc />
    public static ConnectResponse Deserialize(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = reader.ReadBuffer() ?? [];
        var hasFlag = reader.Remaining > 0;
        var readOnly = hasFlag && reader.ReadBool();
        return new(protocolVersion, timeOut, sessionId, passwd, readOnly) { WriteReadOnlyFlag = hasFlag };
    }
}
