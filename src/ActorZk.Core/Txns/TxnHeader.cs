using ActorZk.Protocol;
using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>The header of every txn (jute <c>org.apache.zookeeper.txn.TxnHeader</c>).</summary>
/// <param name="ClientId">The session that issued the request (0 for server-internal requests).</param>
/// <param name="Cxid">The client's request xid.</param>
/// <param name="Zxid">The txn's zxid: <c>(epoch &lt;&lt; 32) | counter</c>.</param>
/// <param name="Time">Wall-clock time in ms chosen by the leader; becomes ctime/mtime.</param>
/// <param name="Type">What the body is; <see cref="OpCode.Error"/> for a write that failed in preparation.</param>
public readonly record struct TxnHeader(long ClientId, int Cxid, long Zxid, long Time, OpCode Type) : IJuteRecord<TxnHeader>
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 32;

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteLong(ClientId);
        writer.WriteInt(Cxid);
        writer.WriteLong(Zxid);
        writer.WriteLong(Time);
        writer.WriteInt((int)Type);
    }

    /// <inheritdoc />
    public static TxnHeader Deserialize(ref JuteReader reader)
        => new(reader.ReadLong(), reader.ReadInt(), reader.ReadLong(), reader.ReadLong(), (OpCode)reader.ReadInt());
}
