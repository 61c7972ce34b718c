using ActorZk.Protocol;
using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>A write that failed in preparation, or a failed or rolled-back op of a multi (jute <c>ErrorTxn</c>).</summary>
/// <param name="Err">The error code.</param>
public sealed record ErrorTxn(ErrorCode Err) : ITxn, IJuteRecord<ErrorTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteInt((int)Err);

    /// <inheritdoc />
    public static ErrorTxn Deserialize(ref JuteReader reader) => new((ErrorCode)reader.ReadInt());
}
