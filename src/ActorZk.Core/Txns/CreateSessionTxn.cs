using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>Opens a session (jute <c>CreateSessionTxn</c>); the session id is the header's client id.</summary>
/// <param name="TimeOut">The negotiated session timeout in milliseconds.</param>
public sealed record CreateSessionTxn(int TimeOut) : ITxn, IJuteRecord<CreateSessionTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteInt(TimeOut);

    /// <inheritdoc />
    public static CreateSessionTxn Deserialize(ref JuteReader reader) => new(reader.ReadInt());
}
