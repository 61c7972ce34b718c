using ActorZk.Core.Processing;
using ActorZk.Protocol.Records;
using ActorZk.Server.Network;
using ActorZk.Server.Storage;

namespace ActorZk.Server.Replication;

/// <summary>What to do once a txn is applied.</summary>
internal enum TxnOrigin
{
    /// <summary>A client's write on this member: complete its in-flight request.</summary>
    ClientWrite,

    /// <summary>A new session on this member: send the connect response.</summary>
    CreateSession,

    /// <summary>A closed session that is not this member's client's own close: forget it, drop its socket.</summary>
    Expiry,

    /// <summary>A container or TTL node the server removes by itself.</summary>
    Cleanup,

    /// <summary>A txn of a client of another member: nothing to answer here.</summary>
    Remote,
}

/// <summary>A txn on its way to the log and the tree, in its encoded form, with what caused it.</summary>
internal sealed record ProposedTxn(
    PreparedTxn Txn,
    LoggedTxn Logged,
    TxnOrigin Origin,
    ClientConnection? Connection = null,
    InFlightRequest? Request = null,
    ConnectRequest? Connect = null)
{
    public long Zxid => Logged.Zxid;
}
