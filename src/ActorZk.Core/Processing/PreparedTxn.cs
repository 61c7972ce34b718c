using ActorZk.Core.Txns;
using ActorZk.Protocol;

namespace ActorZk.Core.Processing;

/// <summary>
/// A write turned into a txn, ready to be logged, replicated and applied. A request that failed validation
/// is still a txn (header type <see cref="OpCode.Error"/> with an <see cref="ErrorTxn"/>) and uses its zxid,
/// as in ZooKeeper; a failed multi keeps the multi type and carries the failure in its entries.
/// </summary>
/// <param name="Header">The txn header.</param>
/// <param name="Txn">The txn body.</param>
public readonly record struct PreparedTxn(TxnHeader Header, ITxn Txn)
{
    /// <summary>The error a failed preparation produced (for a multi, the first failing op's), or Ok.</summary>
    public ErrorCode Err
    {
        get
        {
            if (Txn is ErrorTxn error)
            {
                return error.Err;
            }

            if (Txn is MultiTxn multi)
            {
                foreach (var entry in multi.Txns)
                {
                    if (entry.Type == OpCode.Error && entry.Record is ErrorTxn { Err: not ErrorCode.Ok } failed)
                    {
                        return failed.Err;
                    }
                }
            }

            return ErrorCode.Ok;
        }
    }

    /// <summary>The persisted form (see <see cref="TxnCodec"/>).</summary>
    public byte[] Encode() => TxnCodec.Encode(Header, Txn);
}
