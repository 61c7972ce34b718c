using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>Closes a session (jute <c>CloseSessionTxn</c>); the session id is the header's client id.</summary>
/// <param name="Paths2Delete">The session's ephemeral nodes, as the preparer saw them, to delete.</param>
public sealed record CloseSessionTxn(IReadOnlyList<string> Paths2Delete) : ITxn, IJuteRecord<CloseSessionTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteStringVector(Paths2Delete);

    /// <inheritdoc />
    public static CloseSessionTxn Deserialize(ref JuteReader reader) => new(reader.ReadStringVector() ?? []);
}
