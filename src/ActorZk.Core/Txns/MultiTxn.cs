using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>An atomic multi-op (jute <c>MultiTxn</c>): one entry per op, in request order.</summary>
/// <param name="Txns">The ops.</param>
public sealed record MultiTxn(IReadOnlyList<Txn> Txns) : ITxn, IJuteRecord<MultiTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteVector(Txns);

    /// <inheritdoc />
    public static MultiTxn Deserialize(ref JuteReader reader) => new(reader.ReadVector<Txn>() ?? []);
}
