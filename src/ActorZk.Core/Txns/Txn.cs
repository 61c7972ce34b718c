using ActorZk.Protocol;
using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>
/// One op of a <see cref="MultiTxn"/> (jute <c>Txn</c>): its type and its encoded txn record. The decoded
/// record is kept when the entry is built from one, so applying a freshly prepared multi does not decode
/// what was just encoded.
/// </summary>
public sealed class Txn : IJuteRecord<Txn>
{
    private ITxn? decoded;

    /// <summary>Creates an entry from its wire form.</summary>
    /// <param name="type">The op's type (<see cref="OpCode.Error"/> for a failed or rolled-back op).</param>
    /// <param name="data">The encoded txn record.</param>
    public Txn(OpCode type, byte[] data)
    {
        Type = type;
        Data = data;
    }

    /// <summary>Creates an entry by encoding <paramref name="record"/>.</summary>
    public Txn(OpCode type, ITxn record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Type = type;
        Data = TxnCodec.EncodeBody(record);
        decoded = record;
    }

    /// <summary>The op's type.</summary>
    public OpCode Type { get; }

    /// <summary>The encoded txn record.</summary>
    public byte[] Data { get; }

    /// <summary>The txn record, decoded on first use according to <see cref="Type"/>.</summary>
    /// <exception cref="JuteException">The bytes do not form a record of that type, or the type is not allowed in a multi.</exception>
    public ITxn Record => decoded ??= TxnCodec.DecodeMultiOp(Type, Data);

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteBuffer(Data);
    }

    /// <inheritdoc />
    public static Txn Deserialize(ref JuteReader reader)
    {
        var type = (OpCode)reader.ReadInt();
        return new Txn(type, reader.ReadBuffer() ?? []);
    }
}
