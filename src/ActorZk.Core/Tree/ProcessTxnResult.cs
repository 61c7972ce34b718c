using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tree;

/// <summary>The outcome of applying one txn (ZooKeeper's <c>DataTree.ProcessTxnResult</c>).</summary>
public sealed class ProcessTxnResult
{
    /// <summary>The session of the txn.</summary>
    public long ClientId { get; init; }

    /// <summary>The client's xid.</summary>
    public int Cxid { get; init; }

    /// <summary>The txn's zxid.</summary>
    public long Zxid { get; init; }

    /// <summary>The txn type (after a failed multi, its ops report <see cref="OpCode.Error"/>).</summary>
    public OpCode Type { get; init; }

    /// <summary>Ok, the error of an error txn, or the first error of a multi's ops.</summary>
    public ErrorCode Err { get; internal set; }

    /// <summary>The path the op worked on, when it has one.</summary>
    public string? Path { get; internal set; }

    /// <summary>The node's stat after the op, for create2/createTTL/createContainer/setData/setACL.</summary>
    public Stat? Stat { get; internal set; }

    /// <summary>One result per op of a multi; <see langword="null"/> otherwise.</summary>
    public IReadOnlyList<ProcessTxnResult>? MultiResult { get; internal set; }
}
