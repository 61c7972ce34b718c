using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using ActorZk.Server.Network;

namespace ActorZk.Server.Replication;

/// <summary>A client's handshake, the first frame on a connection.</summary>
public sealed record ConnectSession(ClientConnection Connection, ConnectRequest Request);

/// <summary>A decoded client request; Request is null for an opcode the server does not know. ReceivedAt is a Stopwatch timestamp.</summary>
public sealed record ClientRequest(ClientConnection Connection, RequestHeader Header, IJuteRecord? Request, long ReceivedAt);

/// <summary>The socket of a connection is gone; its session lives on until it expires.</summary>
public sealed record ConnectionClosed(ClientConnection Connection);

/// <summary>A whitelisted four-letter word to answer.</summary>
public sealed record FourLetterWordRequest(ClientConnection Connection, string Word);

/// <summary>
/// The AdminServer asks for a <see cref="Admin.ServerSnapshot"/> (the reply), after the peer applied the side effect
/// of <paramref name="EffectWord"/> (srst, crst or stmk, as for the four-letter word; stmk stores
/// <paramref name="TraceMask"/>).
/// </summary>
public sealed record AdminSnapshotRequest(string? EffectWord, long? TraceMask, bool WithDirectorySizes);

/// <summary>Periodic timer: expire sessions, clean containers.</summary>
public sealed record Tick
{
    public static readonly Tick Instance = new();
}

/// <summary>Asks the peer for its status (tests and tools).</summary>
public sealed record GetPeerStatus
{
    public static readonly GetPeerStatus Instance = new();
}

/// <summary>The answer to <see cref="GetPeerStatus"/>.</summary>
public sealed record PeerStatus(string Mode, long LastZxid, int NodeCount, int SessionCount, int WatchCount);

/// <summary>Self-message: send the txns proposed since the last flush to the log as one batch.</summary>
public sealed record FlushLog
{
    public static readonly FlushLog Instance = new();
}

/// <summary>Self-message: write the next slice of the snapshot in progress.</summary>
public sealed record ContinueSnapshot
{
    public static readonly ContinueSnapshot Instance = new();
}

/// <summary>Self-message: LOOKING long enough, start serving read-only clients (readonlymode.enabled).</summary>
public sealed record StartReadOnly
{
    public static readonly StartReadOnly Instance = new();
}
