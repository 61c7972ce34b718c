using ActorZk.Core.Processing;
using ActorZk.Protocol.Records;
using ActorZk.Server.Network;

namespace ActorZk.Server.Replication;

/// <summary>What to do once a txn is applied.</summary>
internal enum TxnOrigin
{
    /// <summary>A client's write: complete its in-flight request.</summary>
    ClientWrite,

    /// <summary>A new session: send the connect response.</summary>
    CreateSession,

    /// <summary>An expired session: close its connection.</summary>
    Expiry,

    /// <summary>A container or TTL node the server removes by itself.</summary>
    Cleanup,
}

/// <summary>A prepared txn that has been sent to the log and waits to be applied, with what caused it.</summary>
internal sealed record ProposedTxn(
    PreparedTxn Txn,
    TxnOrigin Origin,
    ClientConnection? Connection = null,
    InFlightRequest? Request = null,
    ConnectRequest? Connect = null);
