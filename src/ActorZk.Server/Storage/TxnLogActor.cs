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
/// on start (newest snapshot + the txns logged after it), can cut the log after a zxid (a truncation marker
/// that recovery honours, and the snapshots beyond the cut deleted), and can restart its history from a
/// snapshot sent by the leader (an install marker, with the snapshot stored under the marker's sequence number).
/// </summary>
/// <remarks>
/// On SQLite the actor writes its journal rows itself (<see cref="SqliteJournalWriter"/>: the plugin's row format,
/// one dedicated connection and thread, one transaction per group of queued writes) and assigns their sequence
/// numbers, continuing the plugin's highest; markers go the same way, so the log's order is the order of the
/// writer's queue. On PostgreSQL appends use PersistAllAsync and markers Persist. Either way nothing is stashed
/// while an append is in flight, so batches that arrive meanwhile are committed together (group commit). Snapshots are stored with the
/// sequence number of the last txn they contain, not of the last txn logged, so that recovery replays
/// exactly the txns the snapshot lacks.
/// Recovery does not use the plugin's replay (it recovers nothing but the highest sequence number); the
/// tables are read directly by <see cref="StoredLogReader"/> off the actor's thread, and commands wait in the
/// stash meanwhile. Installs and truncations also stash every command until they are durable, so that the
/// log's order is the order the peer asked for.
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

    // (zxid, sequence number) of every txn logged since the last snapshot, to place the next snapshot.
    private readonly LinkedList<(long Zxid, long SequenceNr)> sequenceOfZxid = new();

    // Every snapshot row in the store, of any history (earlier runs, before an install), by sequence number.
    private readonly List<StoredSnapshot> snapshots = [];
    private readonly Dictionary<long, long> savesInFlight = [];
    private long lastSnapshotSequenceNr;

    // The install marker (and snapshot) the current history starts from; 0 when it starts at the log's beginning.
    private long baseSequenceNr;

    // Journal events up to here are deleted by a purge; 0 when none ever was.
    private long purgedTo;

    // SQLite: the direct writer and the last sequence number handed to it (Akka's LastSequenceNr stays at the
    // recovered value). Null on PostgreSQL, where the plugin writes and numbers the events.
    private SqliteJournalWriter? writer;
    private long writtenSequenceNr;

    // Commands wait in the stash while recovery, an install or a truncation is under way.
    private bool busy = true;
    private bool waitingForSaves;
    private IActorRef requester = ActorRefs.Nobody;
    private TreeSnapshot? installing;
    private long installSequenceNr;
    private long cuttingAfter = -1;
    private int deletesPending;
    private bool deleteFailed;

    public TxnLogActor(IActorRef peer, CoreOptions options, int snapRetainCount, TimeSpan purgeInterval, ILogger logger)
    {
        this.peer = peer;
        this.options = options;
        this.snapRetainCount = Math.Max(3, snapRetainCount);
        this.purgeInterval = purgeInterval;
        this.logger = logger;

        Recover<RecoveryCompleted>(_ => { });
        Command<LogLoaded>(OnLoaded);
        Command<Status.Failure>(failure => Fail(failure.Cause));
        Command<MarkerWritten>(m => m.Then());
        Command<JournalWriteFailed>(OnWriteFailed);
        Command<AppendTxns>(m => WhenIdle(m, OnAppend));
        Command<TruncateLogAfter>(m => WhenIdle(m, OnTruncate));
        Command<InstallSnapshot>(m => WhenIdle(m, OnInstall));
        Command<SaveTreeSnapshot>(m => WhenIdle(m, OnSaveSnapshot));
        Command<PurgeOldSnapshots>(m => WhenIdle(m, _ => Purge()));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(OnSnapshotSaveFailed);
        Command<DeleteSnapshotSuccess>(_ => OnSnapshotDeleted(null));
        Command<DeleteSnapshotFailure>(f => OnSnapshotDeleted(f.Cause));
        Command<DeleteMessagesSuccess>(m => logger.LogInformation("Purged the txn log up to sequence number {SequenceNr}", m.ToSequenceNr));
        Command<DeleteMessagesFailure>(f => logger.LogWarning(f.Cause, "Purging the txn log failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => logger.LogWarning(f.Cause, "Purging old snapshots failed"));
    }

    public override string PersistenceId => LogPersistenceId;

    /// <summary>
    /// The plugin recovers only the highest sequence number (no snapshot, no events): the tree is rebuilt from a
    /// direct read of the tables, started in <see cref="PreStart"/> so that it overlaps the plugin's start.
    /// </summary>
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None, toSequenceNr: 0);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef peer, CoreOptions options, int snapRetainCount, TimeSpan purgeInterval, ILogger logger)
        => Akka.Actor.Props.Create(() => new TxnLogActor(peer, options, snapRetainCount, purgeInterval, logger));

    protected override void PreStart()
    {
        base.PreStart();
        var reader = StoredLogReader.FromConfig(Context.System.Settings.Config, PersistenceId);
        // Not cancelled on stop: the read ends on its own, and its answer then goes to dead letters.
        reader.LoadAsync(options, CancellationToken.None).PipeTo(Self, success: loaded => loaded, failure: e => new Status.Failure(e));
    }

    protected override void PostStop()
    {
        // The writer finishes the commit in flight and what is queued; nothing is acknowledged after it.
        writer?.Dispose();
        writer = null;
        base.PostStop();
    }

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

    private void OnWriteFailed(JournalWriteFailed failure)
    {
        // As OnPersistFailure: nothing after this write may be acknowledged, the actor stops and the server with it.
        logger.LogCritical(failure.Cause, "Writing the txn log failed at sequence number {SequenceNr}", failure.FirstSequenceNr);
        Context.Stop(Self);
    }

    private void WhenIdle<T>(T message, Action<T> handle)
    {
        if (busy)
        {
            Stash.Stash();
            return;
        }

        handle(message);
    }

    private void Resume()
    {
        busy = false;
        requester = ActorRefs.Nobody;
        Stash.UnstashAll();
    }

    private void OnLoaded(LogLoaded loaded)
    {
        // The plugin's count of events must cover every row read; otherwise new events would reuse numbers.
        if (loaded.HighestSequenceNr > LastSequenceNr)
        {
            Fail(new StorageException(
                $"The journal reports sequence number {LastSequenceNr} as its highest, but sequence number {loaded.HighestSequenceNr} is stored"));
            return;
        }

        var config = Context.System.Settings.Config;
        if (config.GetString(StoredLogReader.ProviderKey, "sqlite") == "sqlite")
        {
            try
            {
                writer = SqliteJournalWriter.Start(
                    config.GetString(StoredLogReader.ConnectionStringKey), PersistenceId, TxnLogSerializer.SerializerId, Self);
                writtenSequenceNr = LastSequenceNr;
            }
            catch (Exception e)
            {
                Fail(new StorageException($"Cannot open the SQLite txn log for writing: {e.Message}", e));
                return;
            }
        }

        snapshots.AddRange(loaded.Snapshots);
        baseSequenceNr = loaded.BaseSequenceNr;
        purgedTo = loaded.PurgedToSequenceNr;
        lastSnapshotSequenceNr = loaded.SnapshotSequenceNr;
        foreach (var entry in loaded.TailTxns)
        {
            sequenceOfZxid.AddLast(entry);
        }

        var tree = loaded.Tree;
        logger.LogInformation(
            "Recovered {Nodes} znodes at zxid 0x{Zxid:x} from {Source} and {Txns} logged txns in {Elapsed} ms",
            tree.NodeCount,
            tree.LastProcessedZxid,
            loaded.SnapshotSequenceNr == 0 ? "no snapshot" : $"the snapshot at zxid 0x{loaded.SnapshotZxid:x}",
            loaded.TxnsReplayed,
            recoveryClock.ElapsedMilliseconds);
        peer.Tell(new LogRecovered(tree, loaded.TxnsReplayed, loaded.SnapshotZxid, recoveryClock.Elapsed, loaded.RecentTxns));
        if (purgeInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer("purge", PurgeOldSnapshots.Instance, TimeSpan.Zero, purgeInterval);
        }

        Resume();
    }

    private void Fail(Exception cause)
    {
        // As for a failed recovery: the actor stops, the peer sees it terminate and shuts the server down.
        logger.LogCritical(cause, "Cannot read the txn log: {Message}", cause.Message);
        Context.Stop(Self);
    }

    private void OnAppend(AppendTxns message)
    {
        var txns = message.Txns;
        if (txns.Count == 0)
        {
            return;
        }

        var last = txns[^1];
        if (writer is not null)
        {
            var records = new JournalRecord[txns.Count];
            for (var i = 0; i < records.Length; i++)
            {
                var txn = txns[i];
                records[i] = new JournalRecord(++writtenSequenceNr, TxnLogSerializer.TxnManifest, TxnLogSerializer.WithZxid(txn.Zxid, txn.Bytes));

                // Recorded before the txn is durable: a snapshot is only ever asked for applied (so durable) txns,
                // and a failed write stops the actor.
                sequenceOfZxid.AddLast((txn.Zxid, writtenSequenceNr));
            }

            writer.Enqueue(records, peer, new TxnsLogged(last.Zxid));
            return;
        }

        PersistAllAsync(txns, txn =>
        {
            sequenceOfZxid.AddLast((txn.Zxid, LastSequenceNr));
            if (ReferenceEquals(txn, last))
            {
                peer.Tell(new TxnsLogged(txn.Zxid));
            }
        });
    }

    private void OnInstall(InstallSnapshot message)
    {
        // Marker first, then the snapshot under the marker's number: a crash in between leaves a marker without a
        // snapshot, which recovery skips (the install never happened and was never acknowledged). Saves of the old
        // history still in flight land below the marker, where recovery never starts.
        busy = true;
        requester = Sender;
        installing = message.Snapshot;
        PersistMarker(new InstallMarker(message.Snapshot.Zxid), TxnLogSerializer.InstallManifest, message.Snapshot.Zxid, (_, sequenceNr) =>
        {
            installSequenceNr = sequenceNr;
            SnapshotStore.Tell(
                new SaveSnapshot(new SnapshotMetadata(PersistenceId, installSequenceNr, DateTime.UtcNow), message.Snapshot),
                Self);
        });
    }

    private void OnTruncate(TruncateLogAfter message)
    {
        if (savesInFlight.Count > 0)
        {
            // A snapshot still being saved may be one the cut must delete: wait for every save to answer.
            busy = true;
            waitingForSaves = true;
            Stash.Stash();
            return;
        }

        var zxid = message.Zxid;
        if (!CanStartAtOrBefore(zxid))
        {
            logger.LogError("Cannot cut the txn log after zxid 0x{Zxid:x}: the log before its oldest snapshot is gone", zxid);
            Sender.Tell(new Status.Failure(new StorageException(
                $"Cannot cut the txn log after zxid 0x{zxid:x}: no snapshot at or before it is left and the log before the oldest one is purged or replaced by an installed snapshot")));
            return;
        }

        // Delete the snapshots beyond the cut before persisting the marker: once the marker is durable no
        // snapshot holding a cut txn exists, so recovery can always start from the newest snapshot. A crash in
        // between leaves the log as it was before the cut (which was not acknowledged), minus some snapshots.
        busy = true;
        requester = Sender;
        cuttingAfter = zxid;
        deleteFailed = false;
        var doomed = snapshots.Where(s => s.Zxid > zxid).ToList();
        snapshots.RemoveAll(s => s.Zxid > zxid);
        deletesPending = doomed.Count;
        foreach (var snapshot in doomed)
        {
            DeleteSnapshot(snapshot.SequenceNr);
        }

        if (deletesPending == 0)
        {
            PersistCut();
        }
    }

    private void OnSnapshotDeleted(Exception? cause)
    {
        if (deletesPending == 0)
        {
            return;
        }

        if (cause is not null)
        {
            logger.LogCritical(cause, "Deleting a snapshot beyond the cut after zxid 0x{Zxid:x} failed", cuttingAfter);
            deleteFailed = true;
        }

        if (--deletesPending > 0)
        {
            return;
        }

        if (deleteFailed)
        {
            // The cut cannot be made safely; the peer sees the log stop and shuts the server down.
            Context.Stop(Self);
            return;
        }

        PersistCut();
    }

    private void PersistCut()
    {
        PersistMarker(new TruncationMarker(cuttingAfter), TxnLogSerializer.TruncationManifest, cuttingAfter, (marker, _) =>
        {
            CutSequenceMap(marker.Zxid);
            lastSnapshotSequenceNr = snapshots.Where(s => s.SequenceNr >= baseSequenceNr).Select(s => s.SequenceNr).DefaultIfEmpty(baseSequenceNr).Max();
            logger.LogInformation("Cut the txn log after zxid 0x{Zxid:x}", marker.Zxid);
            requester.Tell(new LogTruncated(marker.Zxid));
            cuttingAfter = -1;
            Resume();
        });
    }

    /// <summary>
    /// Makes a marker durable after everything queued before it, then runs <paramref name="then"/> on the actor with
    /// the marker's sequence number. Callers stash commands until then.
    /// </summary>
    private void PersistMarker<T>(T marker, string manifest, long zxid, Action<T, long> then)
        where T : class
    {
        if (writer is null)
        {
            Persist(marker, persisted => then(persisted, LastSequenceNr));
            return;
        }

        var sequenceNr = ++writtenSequenceNr;
        writer.Enqueue(
            [new JournalRecord(sequenceNr, manifest, TxnLogSerializer.WithZxid(zxid, []))],
            Self,
            new MarkerWritten(() => then(marker, sequenceNr)));
    }

    private bool CanStartAtOrBefore(long zxid)
        => (purgedTo == 0 && baseSequenceNr == 0)
           || snapshots.Any(s => s.SequenceNr >= baseSequenceNr && s.SequenceNr >= purgedTo && s.Zxid <= zxid);

    private void OnSaveSnapshot(SaveTreeSnapshot message)
    {
        var sequenceNr = lastSnapshotSequenceNr;
        while (sequenceOfZxid.First is { } first && first.Value.Zxid <= message.Snapshot.Zxid)
        {
            sequenceNr = first.Value.SequenceNr;
            sequenceOfZxid.RemoveFirst();
        }

        if (sequenceNr <= lastSnapshotSequenceNr)
        {
            // Nothing new since the last snapshot (or nothing logged at all).
            return;
        }

        savesInFlight[sequenceNr] = message.Snapshot.Zxid;
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, sequenceNr, DateTime.UtcNow), message.Snapshot), Self);
        lastSnapshotSequenceNr = sequenceNr;
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess message)
    {
        var sequenceNr = message.Metadata.SequenceNr;
        if (installing is not null && sequenceNr == installSequenceNr)
        {
            var zxid = installing.Zxid;
            installing = null;
            baseSequenceNr = sequenceNr;
            snapshots.Add(new StoredSnapshot(sequenceNr, zxid));
            sequenceOfZxid.Clear();
            lastSnapshotSequenceNr = sequenceNr;
            logger.LogInformation("Installed the snapshot at zxid 0x{Zxid:x} at sequence number {SequenceNr}", zxid, sequenceNr);
            requester.Tell(new SnapshotInstalled(zxid));
            Resume();
            return;
        }

        if (savesInFlight.Remove(sequenceNr, out var savedZxid))
        {
            snapshots.Add(new StoredSnapshot(sequenceNr, savedZxid));
            snapshots.Sort((a, b) => a.SequenceNr.CompareTo(b.SequenceNr));
        }

        logger.LogInformation("Saved a snapshot at sequence number {SequenceNr}", sequenceNr);
        SavesSettled();
    }

    private void OnSnapshotSaveFailed(SaveSnapshotFailure failure)
    {
        var sequenceNr = failure.Metadata.SequenceNr;
        if (installing is not null && sequenceNr == installSequenceNr)
        {
            // The marker is durable but its snapshot is not: recovery will skip the marker, but this incarnation
            // cannot go on as if the install had happened.
            logger.LogCritical(failure.Cause, "Storing the installed snapshot at zxid 0x{Zxid:x} failed", installing.Zxid);
            Context.Stop(Self);
            return;
        }

        savesInFlight.Remove(sequenceNr);
        logger.LogError(failure.Cause, "Saving a snapshot failed; the log is kept");
        SavesSettled();
    }

    private void SavesSettled()
    {
        if (waitingForSaves && savesInFlight.Count == 0)
        {
            waitingForSaves = false;
            Resume();
        }
    }

    private void Purge()
    {
        // Keep the newest snapRetainCount snapshots of the current history and every txn after the oldest of them.
        // Snapshots and events before an install are abandoned history: they go even before enough snapshots exist.
        var history = snapshots.Where(s => s.SequenceNr >= baseSequenceNr).ToList();
        var oldestKept = history.Count >= snapRetainCount ? history[^snapRetainCount].SequenceNr : baseSequenceNr;
        if (oldestKept <= purgedTo)
        {
            return;
        }

        snapshots.RemoveAll(s => s.SequenceNr < oldestKept);
        purgedTo = oldestKept;
        DeleteSnapshots(new SnapshotSelectionCriteria(oldestKept - 1));
        // Told to the journal directly: Eventsourced.DeleteMessages refuses numbers above its own LastSequenceNr,
        // which the direct writer does not advance.
        Journal.Tell(new DeleteMessagesTo(PersistenceId, oldestKept, Self));
    }

    private void CutSequenceMap(long zxid)
    {
        while (sequenceOfZxid.Last is { } last && last.Value.Zxid > zxid)
        {
            sequenceOfZxid.RemoveLast();
        }
    }

    /// <summary>Writer to the log actor: a marker is durable; run the rest of its handling on the actor.</summary>
    private sealed record MarkerWritten(Action Then);
}
