using ActorZk.Core.Processing;
using ActorZk.Core.Quorum;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Network;
using ActorZk.Server.Storage;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>
/// Writes: a txn joins the batch for the log (and, on a leader, for the followers); it is applied to the tree, in
/// zxid order, once it is both durable here and committed (standalone: durable means committed; leader: a quorum
/// acked; learner: the leader said COMMIT). Batches form by themselves: txns proposed while the actor works
/// through its mailbox go out together when a self-sent FlushLog comes up, and batches that meet a commit in
/// flight are committed together.
/// </content>
public sealed partial class PeerActor
{
    // About a millisecond of work per slice, so a snapshot never holds up client traffic noticeably.
    private const int SnapshotSliceNodes = 2_000;

    private readonly Queue<ProposedTxn> proposed = new();
    private readonly List<LoggedTxn> unflushed = [];
    private readonly PeerMetrics metrics = new();
    private bool flushScheduled;
    private long lastProposedZxid;
    private long txnsSinceSnapshot;
    private TreeSnapshotWriter? snapshotInProgress;

    // Every txn up to loggedThrough is durable here, up to committedThrough committed, up to appendedThrough handed
    // to the log (or waiting in unflushed).
    private long loggedThrough;
    private long committedThrough;
    private long appendedThrough;

    // The zxid of the last txn applied (the tree's own zxid may be ahead: the start of an epoch without txns yet).
    private long lastTxnZxid;

    private bool TryNextZxid(out long zxid)
    {
        if (leader is { } state)
        {
            return state.Zxids!.TryNext(out zxid);
        }

        // Standalone keeps epoch 0, as ZooKeeper's standalone server does (zxids 0x1, 0x2, ...).
        zxid = lastProposedZxid + 1;
        return true;
    }

    /// <summary>Prepares a write with the next zxid and proposes it; false if this epoch has no zxid left.</summary>
    private bool PrepareAndPropose(
        long sessionId,
        int cxid,
        OpCode op,
        Protocol.Jute.IJuteRecord? request,
        IReadOnlyList<Id> authInfo,
        TxnOrigin origin,
        ClientConnection? connection = null,
        InFlightRequest? item = null,
        ConnectRequest? connect = null)
    {
        if (!TryNextZxid(out var zxid))
        {
            // The counter of this epoch is used up: a new election starts a new epoch (ZooKeeper does the same).
            EnterLooking("the zxid counter of this epoch is exhausted");
            return false;
        }

        Propose(preparer.Prepare(sessionId, cxid, op, request, authInfo, zxid, WallClockMs()), origin, connection, item, connect);
        return true;
    }

    private void Propose(
        PreparedTxn txn,
        TxnOrigin origin,
        ClientConnection? connection = null,
        InFlightRequest? request = null,
        ConnectRequest? connect = null)
    {
        var zxid = txn.Header.Zxid;
        var logged = new LoggedTxn(zxid, TxnCodec.Encode(txn.Header, txn.Txn));
        proposed.Enqueue(new ProposedTxn(txn, logged, origin, connection, request, connect));
        lastProposedZxid = zxid;
        if (leader is { } state)
        {
            state.Tracker!.Propose(zxid);
            metrics.ProposalSent(logged.Bytes.Length);
        }

        Append(logged);
    }

    /// <summary>Queues a txn for the log (and the followers); the batch leaves with the next FlushLog.</summary>
    private void Append(LoggedTxn logged)
    {
        if (logProps is null)
        {
            appendedThrough = logged.Zxid;
            OnTxnsLogged(new TxnsLogged(logged.Zxid));
            return;
        }

        unflushed.Add(logged);
        ScheduleFlush();
    }

    /// <summary>
    /// Makes sure a FlushLog comes up after the messages already in the mailbox: what this turn and those messages
    /// produce (txns for the log, proposals, commits, forwarded writes) leaves together.
    /// </summary>
    private void ScheduleFlush()
    {
        if (!flushScheduled)
        {
            flushScheduled = true;
            Self.Tell(FlushLog.Instance, Self);
        }
    }

    private void OnFlushLog()
    {
        flushScheduled = false;
        LoggedTxn[]? batch = null;
        if (unflushed.Count > 0)
        {
            batch = [.. unflushed];
            unflushed.Clear();
            appendedThrough = batch[^1].Zxid;
            log.Tell(new AppendTxns(batch), Self);
        }

        if (leader is not null && role == PeerRole.Leading)
        {
            SendToLearners(batch);
        }

        FlushForwards();
    }

    private void OnTxnsLogged(TxnsLogged message)
    {
        loggedThrough = Math.Max(loggedThrough, message.LastZxid);
        switch (role)
        {
            case PeerRole.Standalone:
            case PeerRole.Looking:
                // Looking: whatever is logged is part of this member's history, as after a restart.
                committedThrough = loggedThrough;
                break;
            case PeerRole.Leading when leader?.Tracker is { } tracker:
                CommitAll(tracker.AckThrough(ensemble!.MyId, loggedThrough));
                break;
            case PeerRole.Following:
                AckToLeader();
                break;
        }

        ApplyReady();
        if (role == PeerRole.Looking)
        {
            MaybeStartElection();
        }
        else if (learner is not null)
        {
            MaybeAckNewLeader();
        }
    }

    /// <summary>Applies, in zxid order, every txn that is both durable here and committed.</summary>
    private void ApplyReady()
    {
        var limit = Math.Min(loggedThrough, committedThrough);
        var applied = false;
        while (proposed.TryPeek(out var next) && next.Zxid <= limit)
        {
            proposed.Dequeue();
            Apply(next);
            applied = true;
        }

        if (applied)
        {
            CompleteReadySyncs();
            MaybeSnapshot();
        }
    }

    private void Apply(ProposedTxn proposal)
    {
        var header = proposal.Txn.Header;
        var result = tree.ProcessTxn(header, proposal.Txn.Txn);
        preparer.Applied(header.Zxid);
        lastTxnZxid = header.Zxid;
        RememberCommitted(proposal.Logged);
        txnsSinceSnapshot++;
        if (header.Type == OpCode.CreateSession && proposal.Txn.Txn is CreateSessionTxn created && !sessions.IsTrackingSession(header.ClientId))
        {
            // A session created through another member: every member knows every session, so that its client
            // can reconnect anywhere.
            sessions.TrackSession(header.ClientId, created.TimeOut, NowMs());
        }

        switch (proposal.Origin)
        {
            case TxnOrigin.ClientWrite:
                var request = proposal.Request!;
                var reply = ReplyBuilder.Build(result);
                if (request.Request.Header.Type == OpCode.CloseSession)
                {
                    sessions.RemoveSession(result.ClientId);
                    sessionConnections.Remove(result.ClientId);
                }

                request.Complete(header.Zxid, reply);
                DrainPipeline(proposal.Connection!);
                break;
            case TxnOrigin.CreateSession:
                var connection = proposal.Connection!;
                connection.AwaitingSession = false;
                if (!connection.IsClosed)
                {
                    SendConnectResponse(connection, proposal.Connect!);
                    DrainPipeline(connection);
                }

                break;
            case TxnOrigin.Expiry:
                FinishExpiry(result.ClientId);
                break;
            case TxnOrigin.Remote when header.Type == OpCode.CloseSession:
                FinishExpiry(result.ClientId);
                break;
            default:
                break;
        }
    }

    private void MaybeSnapshot()
    {
        if (logProps is null || snapshotInProgress is not null || txnsSinceSnapshot < config.SnapCount)
        {
            return;
        }

        // A fuzzy snapshot, written a slice at a time between client messages so that traffic never waits for
        // the whole tree; recovery replays the txns after its label, which the tree tolerates (see DataTree).
        txnsSinceSnapshot = 0;
        snapshotInProgress = tree.BeginSnapshot();
        Self.Tell(ContinueSnapshot.Instance, Self);
    }

    private void OnContinueSnapshot()
    {
        if (snapshotInProgress is null)
        {
            return;
        }

        if (!snapshotInProgress.WriteNext(SnapshotSliceNodes))
        {
            Self.Tell(ContinueSnapshot.Instance, Self);
            return;
        }

        var zxid = snapshotInProgress.Zxid;
        var nodes = snapshotInProgress.NodeCount;
        var bytes = snapshotInProgress.ToArray();
        snapshotInProgress.Dispose();
        snapshotInProgress = null;
        log.Tell(new SaveTreeSnapshot(new TreeSnapshot(zxid, bytes)), Self);
        logger.LogInformation("Snapshot of {Nodes} znodes labelled zxid 0x{Zxid:x} handed to the log", nodes, zxid);
    }

    /// <summary>Drops a snapshot being written: the tree it reads is about to be replaced.</summary>
    private void AbandonSnapshot()
    {
        snapshotInProgress?.Dispose();
        snapshotInProgress = null;
    }

    private static long LastZxidOf(IReadOnlyList<LoggedTxn> txns) => txns.Count == 0 ? 0 : txns[^1].Zxid;

    private static bool FollowsWithoutGap(long previous, long zxid)
        => Zxid.EpochOf(zxid) == Zxid.EpochOf(previous)
            ? zxid == previous + 1
            : Zxid.EpochOf(zxid) > Zxid.EpochOf(previous) && Zxid.CounterOf(zxid) == 1;
}
