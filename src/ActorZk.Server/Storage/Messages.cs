using ActorZk.Core.Tree;

namespace ActorZk.Server.Storage;

/// <summary>A prepared txn in its durable form: the zxid and the TxnCodec bytes (header + body).</summary>
public sealed record LoggedTxn(long Zxid, byte[] Bytes);

/// <summary>Persisted when txns after <paramref name="Zxid"/> are abandoned; recovery drops the txns it cuts.</summary>
public sealed record TruncationMarker(long Zxid);

/// <summary>
/// Persisted first when a snapshot from the leader is installed; the snapshot is then stored under this event's
/// sequence number. A marker without its snapshot (a crash between the two writes) is an install that never
/// happened, and recovery skips it.
/// </summary>
public sealed record InstallMarker(long Zxid);

/// <summary>A snapshot of the tree (and its session table) as of <paramref name="Zxid"/>.</summary>
public sealed record TreeSnapshot(long Zxid, byte[] Bytes);

/// <summary>Peer to log: make these txns durable, in this order.</summary>
public sealed record AppendTxns(IReadOnlyList<LoggedTxn> Txns);

/// <summary>Log to peer: every txn up to and including <paramref name="LastZxid"/> is durable.</summary>
public sealed record TxnsLogged(long LastZxid);

/// <summary>Peer to log: discard every logged txn after <paramref name="Zxid"/>.</summary>
public sealed record TruncateLogAfter(long Zxid);

/// <summary>
/// Log to requester: the truncation is durable. Every snapshot labelled with a zxid after <paramref name="Zxid"/> is
/// deleted. A cut the log cannot make (its history before the newest snapshot or install is gone) is answered
/// with <see cref="Akka.Actor.Status.Failure"/> carrying a <see cref="StorageException"/>, and nothing changes.
/// </summary>
public sealed record LogTruncated(long Zxid);

/// <summary>Peer to log: store this snapshot; its zxid must already be logged.</summary>
public sealed record SaveTreeSnapshot(TreeSnapshot Snapshot);

/// <summary>Log to peer: recovery finished; the tree holds the snapshot plus every logged txn after it.</summary>
/// <param name="RecentTxns">
/// The newest txns replayed from the log (at most <see cref="RecentTxnLimit"/>), oldest first: a leader syncs learners
/// from them by DIFF or TRUNC, as ZooKeeper's leader does from the committed log it loads at start.
/// </param>
public sealed record LogRecovered(DataTree Tree, int TxnsReplayed, long SnapshotZxid, TimeSpan Elapsed, IReadOnlyList<LoggedTxn>? RecentTxns = null)
{
    /// <summary>How many of the replayed txns recovery hands back in <see cref="RecentTxns"/>.</summary>
    public const int RecentTxnLimit = 10_000;
}

/// <summary>Purge old snapshots and the log before them (autopurge timer).</summary>
public sealed record PurgeOldSnapshots
{
    public static readonly PurgeOldSnapshots Instance = new();
}

/// <summary>
/// Peer to log (a learner receiving SNAP): make <paramref name="Snapshot"/> the start of the log. Every txn logged so
/// far is abandoned (recovery starts from this snapshot and replays only txns appended after it).
/// </summary>
public sealed record InstallSnapshot(TreeSnapshot Snapshot);

/// <summary>Log to requester: the installed snapshot is durable.</summary>
public sealed record SnapshotInstalled(long Zxid);

/// <summary>Log to itself: what recovery read from the store, off the actor's thread.</summary>
internal sealed record LogLoaded(
    DataTree Tree,
    int TxnsReplayed,
    long SnapshotZxid,
    long SnapshotSequenceNr,
    IReadOnlyList<StoredSnapshot> Snapshots,
    long BaseSequenceNr,
    long PurgedToSequenceNr,
    IReadOnlyList<(long Zxid, long SequenceNr)> TailTxns,
    long HighestSequenceNr,
    IReadOnlyList<LoggedTxn> RecentTxns);
