using System.Diagnostics;
using ActorZk.Core;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Storage;

/// <summary>
/// The member's durable txn log and snapshots on Akka.Persistence (SQLite or PostgreSQL through
/// Akka.Persistence.Sql). It acknowledges a batch only once the journal has committed it, rebuilds the tree
/// on start (newest snapshot + the txns logged after it), and can cut the log after a zxid by persisting a
/// truncation marker that recovery honours.
/// </summary>
/// <remarks>
/// Appends use PersistAllAsync: nothing is stashed while a write is in flight, so batches that arrive
/// meanwhile queue in the journal and are committed together (group commit). Snapshots are stored with the
/// sequence number of the last txn they contain, not of the last txn logged, so that recovery replays
/// exactly the txns the snapshot lacks.
/// </remarks>
public sealed class TxnLogActor : ReceivePersistentActor, IWithTimers
{
    public const string LogPersistenceId = "actorzk-txnlog";

    private readonly IActorRef peer;
    private readonly CoreOptions options;
    private readonly int snapRetainCount;
    private readonly TimeSpan purgeInterval;
    private readonly ILogger logger;
    private readonly Stopwatch recoveryClock = Stopwatch.StartNew();
    private readonly List<LoggedTxn> replayed = [];

    // (zxid, sequence number) of every txn logged since the last snapshot, to place the next snapshot.
    private readonly LinkedList<(long Zxid, long SequenceNr)> sequenceOfZxid = new();
    private readonly List<long> savedSnapshotSequenceNrs = [];
    private TreeSnapshot? recoveredSnapshot;
    private long lastSnapshotSequenceNr;

    public TxnLogActor(IActorRef peer, CoreOptions options, int snapRetainCount, TimeSpan purgeInterval, ILogger logger)
    {
        this.peer = peer;
        this.options = options;
        this.snapRetainCount = Math.Max(3, snapRetainCount);
        this.purgeInterval = purgeInterval;
        this.logger = logger;

        Recover<SnapshotOffer>(offer =>
        {
            recoveredSnapshot = (TreeSnapshot)offer.Snapshot;
            lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<LoggedTxn>(txn =>
        {
            if (recoveredSnapshot is null || txn.Zxid > recoveredSnapshot.Zxid)
            {
                replayed.Add(txn);
            }

            sequenceOfZxid.AddLast((txn.Zxid, LastSequenceNr));
        });
        Recover<TruncationMarker>(marker =>
        {
            while (replayed.Count > 0 && replayed[^1].Zxid > marker.Zxid)
            {
                replayed.RemoveAt(replayed.Count - 1);
            }

            CutSequenceMap(marker.Zxid);
        });
        Recover<RecoveryCompleted>(_ => FinishRecovery());

        Command<AppendTxns>(OnAppend);
        Command<TruncateLogAfter>(OnTruncate);
        Command<SaveTreeSnapshot>(OnSaveSnapshot);
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f => logger.LogError(f.Cause, "Saving a snapshot failed; the log is kept"));
        Command<PurgeOldSnapshots>(_ => Purge());
        Command<DeleteMessagesSuccess>(m => logger.LogInformation("Purged the txn log up to sequence number {SequenceNr}", m.ToSequenceNr));
        Command<DeleteMessagesFailure>(f => logger.LogWarning(f.Cause, "Purging the txn log failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => logger.LogWarning(f.Cause, "Purging old snapshots failed"));
    }

    public override string PersistenceId => LogPersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef peer, CoreOptions options, int snapRetainCount, TimeSpan purgeInterval, ILogger logger)
        => Akka.Actor.Props.Create(() => new TxnLogActor(peer, options, snapRetainCount, purgeInterval, logger));

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        logger.LogCritical(reason, "Cannot read the txn log: {Message}", reason.Message);
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Nothing after this txn may be acknowledged: the actor stops and the server with it.
        logger.LogCritical(cause, "Writing the txn log failed at sequence number {SequenceNr}", sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        logger.LogCritical(cause, "The journal rejected txn at sequence number {SequenceNr}", sequenceNr);
        throw new InvalidOperationException("The journal rejected a txn", cause);
    }

    private void FinishRecovery()
    {
        var tree = recoveredSnapshot is null
            ? new DataTree(options)
            : DataTree.Deserialize(new MemoryStream(recoveredSnapshot.Bytes, writable: false), options);
        foreach (var txn in replayed)
        {
            var header = TxnCodec.Decode(txn.Bytes, out var body);
            tree.ProcessTxn(header, body);
        }

        if (lastSnapshotSequenceNr > 0)
        {
            savedSnapshotSequenceNrs.Add(lastSnapshotSequenceNr);
        }

        logger.LogInformation(
            "Recovered {Nodes} znodes at zxid 0x{Zxid:x} from {Source} and {Txns} logged txns in {Elapsed} ms",
            tree.NodeCount,
            tree.LastProcessedZxid,
            recoveredSnapshot is null ? "no snapshot" : $"the snapshot at zxid 0x{recoveredSnapshot.Zxid:x}",
            replayed.Count,
            recoveryClock.ElapsedMilliseconds);
        peer.Tell(new LogRecovered(tree, replayed.Count, recoveredSnapshot?.Zxid ?? 0, recoveryClock.Elapsed));
        replayed.Clear();
        recoveredSnapshot = null;
        if (purgeInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer("purge", PurgeOldSnapshots.Instance, TimeSpan.Zero, purgeInterval);
        }
    }

    private void OnAppend(AppendTxns message)
    {
        var txns = message.Txns;
        if (txns.Count == 0)
        {
            return;
        }

        var last = txns[^1];
        PersistAllAsync(txns, txn =>
        {
            sequenceOfZxid.AddLast((txn.Zxid, LastSequenceNr));
            if (ReferenceEquals(txn, last))
            {
                peer.Tell(new TxnsLogged(txn.Zxid));
            }
        });
    }

    private void OnTruncate(TruncateLogAfter message)
    {
        var requester = Sender;
        Persist(new TruncationMarker(message.Zxid), marker =>
        {
            CutSequenceMap(marker.Zxid);
            requester.Tell(new LogTruncated(marker.Zxid));
        });
    }

    private void OnSaveSnapshot(SaveTreeSnapshot message)
    {
        var sequenceNr = lastSnapshotSequenceNr;
        while (sequenceOfZxid.First is { } first && first.Value.Zxid <= message.Snapshot.Zxid)
        {
            sequenceNr = first.Value.SequenceNr;
            sequenceOfZxid.RemoveFirst();
        }

        if (sequenceNr <= lastSnapshotSequenceNr && lastSnapshotSequenceNr > 0)
        {
            // Nothing new since the last snapshot.
            return;
        }

        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, sequenceNr, DateTime.UtcNow), message.Snapshot), Self);
        lastSnapshotSequenceNr = sequenceNr;
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess message)
    {
        savedSnapshotSequenceNrs.Add(message.Metadata.SequenceNr);
        logger.LogInformation("Saved a snapshot at sequence number {SequenceNr}", message.Metadata.SequenceNr);
    }

    private void Purge()
    {
        // Keep the newest snapRetainCount snapshots and every txn after the oldest of them.
        if (savedSnapshotSequenceNrs.Count < snapRetainCount)
        {
            return;
        }

        var oldestKept = savedSnapshotSequenceNrs[^snapRetainCount];
        savedSnapshotSequenceNrs.RemoveRange(0, savedSnapshotSequenceNrs.Count - snapRetainCount);
        DeleteSnapshots(new SnapshotSelectionCriteria(oldestKept - 1));
        DeleteMessages(oldestKept);
    }

    private void CutSequenceMap(long zxid)
    {
        while (sequenceOfZxid.Last is { } last && last.Value.Zxid > zxid)
        {
            sequenceOfZxid.RemoveLast();
        }
    }
}
