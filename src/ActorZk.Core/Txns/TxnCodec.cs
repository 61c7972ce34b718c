using ActorZk.Protocol;
using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>
/// The persisted and replicated form of a txn: the jute <see cref="TxnHeader"/> followed by the jute body
/// that the header's type selects, exactly as a ZooKeeper txn log entry without its digest.
/// </summary>
public static class TxnCodec
{
    /// <summary>Encodes a txn into a new array.</summary>
    /// <param name="header">The header.</param>
    /// <param name="txn">The body; <see langword="null"/> only for an old-style closeSession without body.</param>
    public static byte[] Encode(in TxnHeader header, ITxn? txn)
    {
        using var buffer = new PooledBufferWriter(256);
        Encode(header, txn, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends an encoded txn to <paramref name="output"/> (no allocation once the buffer is warm).</summary>
    public static void Encode(in TxnHeader header, ITxn? txn, PooledBufferWriter output)
    {
        var writer = new JuteWriter(output);
        header.Serialize(ref writer);
        txn?.Serialize(ref writer);
    }

    /// <summary>Decodes a txn encoded by <see cref="Encode(in TxnHeader, ITxn?)"/>.</summary>
    /// <param name="bytes">Exactly one encoded txn.</param>
    /// <param name="txn">The body, or <see langword="null"/> for a closeSession without body.</param>
    /// <exception cref="JuteException">Malformed bytes, trailing bytes, or an unknown type.</exception>
    public static TxnHeader Decode(ReadOnlySpan<byte> bytes, out ITxn? txn)
    {
        var reader = new JuteReader(bytes);
        var header = TxnHeader.Deserialize(ref reader);
        if (header.Type == OpCode.CloseSession && reader.Remaining == 0)
        {
            txn = null;
            return header;
        }

        txn = DecodeBody(header.Type, ref reader);
        if (reader.Remaining != 0)
        {
            JuteException.Throw($"{reader.Remaining} trailing bytes after a {header.Type} txn");
        }

        return header;
    }

    /// <summary>Encodes just a txn body (the form of a multi entry).</summary>
    public static byte[] EncodeBody(ITxn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        using var buffer = new PooledBufferWriter(128);
        var writer = new JuteWriter(buffer);
        txn.Serialize(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the body for a header type, with ZooKeeper's type-to-record mapping.</summary>
    /// <exception cref="JuteException">The type has no txn body.</exception>
    public static ITxn DecodeBody(OpCode type, ref JuteReader reader)
    {
        switch (type)
        {
            case OpCode.CreateSession:
                return CreateSessionTxn.Deserialize(ref reader);
            case OpCode.CloseSession:
                return CloseSessionTxn.Deserialize(ref reader);
            case OpCode.Create:
            case OpCode.Create2:
                return CreateTxn.Deserialize(ref reader);
            case OpCode.CreateTtl:
                return CreateTTLTxn.Deserialize(ref reader);
            case OpCode.CreateContainer:
                return CreateContainerTxn.Deserialize(ref reader);
            case OpCode.Delete:
            case OpCode.DeleteContainer:
                return DeleteTxn.Deserialize(ref reader);
            case OpCode.Reconfig:
            case OpCode.SetData:
                return SetDataTxn.Deserialize(ref reader);
            case OpCode.SetAcl:
                return SetACLTxn.Deserialize(ref reader);
            case OpCode.Error:
                return ErrorTxn.Deserialize(ref reader);
            case OpCode.Multi:
                return MultiTxn.Deserialize(ref reader);
            case OpCode.Check:
                return CheckVersionTxn.Deserialize(ref reader);
            default:
                JuteException.Throw($"Unsupported Txn with type={(int)type}");
                return null!;
        }
    }

    /// <summary>Decodes one multi entry; only the types ZooKeeper allows inside a multi are accepted.</summary>
    /// <exception cref="JuteException">Malformed bytes or a type not allowed in a multi.</exception>
    public static ITxn DecodeMultiOp(OpCode type, ReadOnlySpan<byte> data)
    {
        if (type is not (OpCode.Create or OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer
            or OpCode.Delete or OpCode.DeleteContainer or OpCode.SetData or OpCode.Error or OpCode.Check))
        {
            JuteException.Throw($"Invalid type of op: {(int)type}");
        }

        var reader = new JuteReader(data);
        return DecodeBody(type, ref reader);
    }
}
