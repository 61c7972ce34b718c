using ActorZk.Core.Processing;
using ActorZk.Core.Quorum;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Network;
using ActorZk.Server.Quorum;
using ActorZk.Server.Storage;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>
/// FOLLOWING and OBSERVING: register with the leader (FOLLOWERINFO until LEADERINFO), accept its epoch, take the
/// sync (DIFF txns, TRUNC by cutting the log and rebuilding the tree, SNAP by installing the snapshot), ack NEWLEADER
/// only once all of it is durable, then serve: client writes and syncs go to the leader, proposals are logged and
/// acked, commits applied in zxid order. A lost packet, a silent leader or a closed connection sends the member back
/// to LOOKING, from where it finds the leader again and resyncs.
/// </content>
public sealed partial class PeerActor
{
    private bool restartingLog;
    private int logIncarnation;

    private void BeginLearning(long leaderId, bool observer)
    {
        var epochs = ensemble!.Epochs;
        role = observer ? PeerRole.Observing : PeerRole.Following;
        learner = new LearnerState(
            leaderId,
            Context.ActorSelection(ensemble.PeerPath(leaderId)),
            new FollowerEpochState(epochs.AcceptedEpoch, epochs.CurrentEpoch),
            ++learnerRegistrations,
            NowMs());
        logger.LogInformation("Member {Id} is {Role} leader {Leader}", ensemble.MyId, observer ? "OBSERVING" : "FOLLOWING", leaderId);
        Become(Learning);
        SendFollowerInfo();
    }

    private void SendFollowerInfo()
    {
        var state = learner!;
        state.LeaderSelection.Tell(
            new FollowerInfo(ensemble!.MyId, role == PeerRole.Observing, state.Epochs.AcceptedEpoch, tree.LastProcessedZxid) { Registration = state.Registration },
            Self);
    }

    private void Learning()
    {
        Receive<LeaderInfo>(OnLeaderInfo);
        Receive<SyncTxns>(m => WhenFromLeader(() => OnSyncTxns(m)));
        Receive<SyncTruncate>(m => WhenFromLeader(() => OnSyncTruncate(m)));
        Receive<SyncSnapshotChunk>(m => WhenFromLeader(() => OnSnapshotChunk(m)));
        Receive<SnapshotInstalled>(_ => OnSnapshotInstalled());
        Receive<NewLeader>(m => WhenFromLeader(() => OnNewLeader(m)));
        Receive<UpToDate>(m => WhenFromLeader(OnUpToDate));
        Receive<Proposals>(m => WhenFromLeader(() => OnProposals(m)));
        Receive<CommitThrough>(m => WhenFromLeader(() => OnCommit(m)));
        Receive<Inform>(m => WhenFromLeader(() => OnInform(m)));
        Receive<LeaderPing>(m => WhenFromLeader(() => OnLeaderPing(m)));
        Receive<SyncCompleted>(m => WhenFromLeader(() => OnSyncCompleted(m)));
        ServeClientsWhileServing();
        CommonReceives();
    }

    /// <summary>While the log is cut and the tree rebuilt (TRUNC), the leader's next packets wait.</summary>
    private void RebuildingLog()
    {
        Receive<LogTruncated>(_ => RestartLog());
        Receive<Status.Failure>(OnTruncationRefused);
        Receive<SnapshotInstalled>(_ => OnEmptyHistoryInstalled());
        Receive<Terminated>(OnLogTerminated);
        Receive<LogRecovered>(OnLogRebuilt);
        Receive<FourLetterWordRequest>(OnFourLetterWord);
        Receive<AdminSnapshotRequest>(OnAdminSnapshot);
        Receive<ConnectionClosed>(OnConnectionClosed);
        Receive<ClientRequest>(m => m.Connection.Close());
        Receive<ConnectSession>(m => m.Connection.Close());
        ReceiveAny(_ => Stash.Stash());
    }

    private void WhenFromLeader(Action handle)
    {
        var state = learner!;
        if (!Sender.Equals(state.Leader))
        {
            return;
        }

        state.LastHeardMs = NowMs();
        handle();
    }

    private void OnLeaderInfo(LeaderInfo message)
    {
        var state = learner!;
        if (state.Phase != LearnerPhase.Connecting || message.LeaderId != state.LeaderId)
        {
            return;
        }

        state.Leader = Sender;
        state.LastHeardMs = NowMs();
        var reply = state.Epochs.OnLeaderInfo(message.NewEpoch);
        switch (reply.Outcome)
        {
            case LeaderInfoOutcome.Accepted:
                // Durable before the leader may count this member.
                ensemble!.Epochs.SetAcceptedEpoch(message.NewEpoch);
                break;
            case LeaderInfoOutcome.Refused:
                EnterLooking($"leader {message.LeaderId} proposed epoch {message.NewEpoch}, older than the accepted {state.Epochs.AcceptedEpoch}");
                return;
        }

        state.Phase = LearnerPhase.Syncing;
        state.PhaseStartedMs = NowMs();
        state.LastReceivedZxid = tree.LastProcessedZxid;
        state.Leader.Tell(new AckEpoch(ensemble!.MyId, reply.AckCurrentEpoch, tree.LastProcessedZxid), Self);
    }

    private void OnSyncTxns(SyncTxns message)
    {
        var state = learner!;
        logger.LogInformation(
            "Getting a diff from the leader: {Count} txns 0x{First:x}..0x{Last:x}", message.Txns.Count, message.Txns[0].Zxid, message.Txns[^1].Zxid);
        foreach (var txn in message.Txns)
        {
            if (txn.Zxid <= state.LastReceivedZxid)
            {
                continue;
            }

            AppendFromLeader(txn);
            committedThrough = txn.Zxid;
        }
    }

    private void OnSyncTruncate(SyncTruncate message)
    {
        logger.LogWarning("Truncating the log after zxid 0x{Zxid:x} to get in sync with the leader", message.Zxid);
        log.Tell(new TruncateLogAfter(message.Zxid), Self);
        restartingLog = true;
        Become(RebuildingLog);
    }

    /// <summary>
    /// The log cannot be cut there (the history before the cut was purged or replaced by a snapshot): drop the whole
    /// history instead, so that the leader's next sync starts from nothing (a snapshot, or every txn).
    /// </summary>
    private void OnTruncationRefused(Status.Failure failure)
    {
        logger.LogWarning(failure.Cause, "The log cannot be cut as the leader asked; dropping this member's history to resync from scratch");
        var empty = new DataTree(options);
        using var stream = new MemoryStream();
        empty.Serialize(stream);
        log.Tell(new InstallSnapshot(new TreeSnapshot(0, stream.ToArray())), Self);
    }

    private void OnEmptyHistoryInstalled()
    {
        restartingLog = false;
        ReplaceTree(new DataTree(options));
        Stash.ClearStash();
        EnterLooking("the history was dropped to resync from scratch");
    }

    /// <summary>Stops the log actor so that a new one rebuilds the tree from the cut log.</summary>
    private void RestartLog()
    {
        Context.Stop(log);
    }

    /// <summary>A log actor restarted after TRUNC has rebuilt the tree.</summary>
    private void OnLogRebuilt(LogRecovered message)
    {
        if (!restartingLog)
        {
            return;
        }

        restartingLog = false;
        ReplaceTree(message.Tree);
        RememberRecovered(message.RecentTxns);
        logger.LogInformation("Rebuilt the tree at zxid 0x{Zxid:x} after truncation", tree.LastProcessedZxid);
        if (learner is { } state)
        {
            state.LastReceivedZxid = tree.LastProcessedZxid;
            Become(Learning);
        }
        else
        {
            Become(Looking);
            MaybeStartElection();
        }

        Stash.UnstashAll();
    }

    private void OnSnapshotChunk(SyncSnapshotChunk message)
    {
        var state = learner!;
        if (message.Index != state.SnapshotChunks.Count)
        {
            EnterLooking("a piece of the leader's snapshot went missing");
            return;
        }

        state.SnapshotChunks.Add(message.Bytes);
        if (message.Index < message.Count - 1)
        {
            return;
        }

        logger.LogInformation("Getting a snapshot from the leader at zxid 0x{Zxid:x}", message.Zxid);
        var bytes = state.SnapshotChunks.Count == 1 ? state.SnapshotChunks[0] : [.. state.SnapshotChunks.SelectMany(c => c)];
        state.SnapshotChunks.Clear();
        var snapshotTree = DataTree.Deserialize(new MemoryStream(bytes, writable: false), options);
        ReplaceTree(snapshotTree);
        state.LastReceivedZxid = tree.LastProcessedZxid;
        state.SnapshotInstallPending = true;
        log.Tell(new InstallSnapshot(new TreeSnapshot(message.Zxid, bytes)), Self);
        logger.LogInformation("Loaded the leader's snapshot of {Nodes} znodes at zxid 0x{Zxid:x}", tree.NodeCount, message.Zxid);
    }

    private void OnSnapshotInstalled()
    {
        if (learner is { } state)
        {
            state.SnapshotInstallPending = false;
            MaybeAckNewLeader();
        }
    }

    private void OnNewLeader(NewLeader message)
    {
        learner!.PendingNewLeaderZxid = message.Zxid;
        OnFlushLog();
        MaybeAckNewLeader();
    }

    /// <summary>Acks NEWLEADER once every txn of the sync is durable, and only then (ZOOKEEPER-3911 and kin).</summary>
    private void MaybeAckNewLeader()
    {
        var state = learner!;
        if (state.PendingNewLeaderZxid < 0 || state.SnapshotInstallPending || unflushed.Count > 0 || loggedThrough < appendedThrough)
        {
            return;
        }

        var zxid = state.PendingNewLeaderZxid;
        state.PendingNewLeaderZxid = -1;
        if (!state.Epochs.TryAcceptNewLeader(zxid))
        {
            EnterLooking($"NEWLEADER 0x{zxid:x} does not match the accepted epoch {state.Epochs.AcceptedEpoch}");
            return;
        }

        ensemble!.Epochs.SetCurrentEpoch(Zxid.EpochOf(zxid));
        tree.LastProcessedZxid = Math.Max(tree.LastProcessedZxid, zxid);
        state.LastReceivedZxid = Math.Max(state.LastReceivedZxid, zxid);
        state.Leader.Tell(new AckNewLeader(ensemble.MyId, zxid), Self);
        state.Acking = role == PeerRole.Following;
        AckToLeader();
    }

    private void OnUpToDate()
    {
        var state = learner!;
        if (state.Phase != LearnerPhase.Syncing)
        {
            return;
        }

        state.Phase = LearnerPhase.Serving;
        election.Tell(new UpdatePeerEpoch(ensemble!.Epochs.CurrentEpoch));
        logger.LogInformation(
            "Member {Id} in sync with leader {Leader} at zxid 0x{Zxid:x} after {Elapsed} ms; serving clients",
            ensemble.MyId,
            state.LeaderId,
            tree.LastProcessedZxid,
            NowMs() - state.PhaseStartedMs);
    }

    private void OnProposals(Proposals message)
    {
        if (role != PeerRole.Following)
        {
            return;
        }

        var receivedBefore = learner!.LastReceivedZxid;
        foreach (var txn in message.Txns)
        {
            if (!AcceptFromLeader(txn))
            {
                return;
            }

            if (txn.Zxid > receivedBefore)
            {
                metrics.Add("learner_proposal_received_count");
            }
        }

        if (message.CommitThrough > 0)
        {
            OnCommit(new CommitThrough(message.CommitThrough));
        }
    }

    /// <summary>Queues a client's write for the leader; it leaves with the others of this turn at the next flush.</summary>
    private void Forward(ForwardedRequest request)
    {
        learner!.Unforwarded.Add(request);
        ScheduleFlush();
    }

    /// <summary>Sends the queued writes to the leader, in order (one packet for several).</summary>
    private void FlushForwards()
    {
        if (learner is not { Unforwarded.Count: > 0 } state)
        {
            return;
        }

        state.Leader.Tell(state.Unforwarded.Count == 1 ? state.Unforwarded[0] : new ForwardedRequests([.. state.Unforwarded]), Self);
        state.Unforwarded.Clear();
    }

    private void OnInform(Inform message)
    {
        var receivedBefore = learner!.LastReceivedZxid;
        foreach (var txn in message.Txns)
        {
            if (!AcceptFromLeader(txn))
            {
                return;
            }

            if (txn.Zxid > receivedBefore)
            {
                metrics.Add("learner_commit_received_count");
            }

            committedThrough = Math.Max(committedThrough, txn.Zxid);
        }

        ApplyReady();
    }

    private bool AcceptFromLeader(LoggedTxn txn)
    {
        var state = learner!;
        if (txn.Zxid <= state.LastReceivedZxid)
        {
            return true;
        }

        if (!FollowsWithoutGap(state.LastReceivedZxid, txn.Zxid))
        {
            EnterLooking($"a packet from the leader went missing (got 0x{txn.Zxid:x} after 0x{state.LastReceivedZxid:x})");
            return false;
        }

        AppendFromLeader(txn);
        return true;
    }

    /// <summary>Logs a txn the leader sent and keeps it to apply once committed, answering this member's client if it is theirs.</summary>
    private void AppendFromLeader(LoggedTxn txn)
    {
        var header = TxnCodec.Decode(txn.Bytes, out var body);
        var prepared = new PreparedTxn(header, body!);
        var (origin, connection, item, connect) = ResolveOrigin(header);
        proposed.Enqueue(new ProposedTxn(prepared, txn, origin, connection, item, connect));
        learner!.LastReceivedZxid = txn.Zxid;
        lastProposedZxid = txn.Zxid;
        Append(txn);
    }

    /// <summary>Finds the local request a txn answers: this member's client's write, handshake, or none.</summary>
    private (TxnOrigin Origin, ClientConnection? Connection, InFlightRequest? Item, ConnectRequest? Connect) ResolveOrigin(TxnHeader header)
    {
        if (sessionConnections.TryGetValue(header.ClientId, out var connection))
        {
            if (header.Type == OpCode.CreateSession && connection.AwaitingSession && pendingConnects.Remove(header.ClientId, out var connect))
            {
                return (TxnOrigin.CreateSession, connection, null, connect);
            }

            foreach (var item in connection.Pipeline)
            {
                if (item.IsWrite && !item.Matched && item.Request.Header.Type != OpCode.Sync && item.Request.Header.Xid == header.Cxid)
                {
                    item.Matched = true;
                    return (TxnOrigin.ClientWrite, connection, item, null);
                }
            }
        }

        return (header.Type == OpCode.CloseSession ? TxnOrigin.Expiry : TxnOrigin.Remote, null, null, null);
    }

    private void OnCommit(CommitThrough message)
    {
        // ZooKeeper's COMMIT names one zxid; ActorZk's is cumulative, so count the txns it newly commits.
        foreach (var proposal in proposed)
        {
            if (proposal.Zxid > message.Zxid)
            {
                break;
            }

            if (proposal.Zxid > committedThrough)
            {
                metrics.Add("learner_commit_received_count");
            }
        }

        committedThrough = Math.Max(committedThrough, message.Zxid);
        ApplyReady();
    }

    private void AckToLeader()
    {
        if (learner is { Acking: true } state && loggedThrough > 0)
        {
            state.Leader.Tell(new AckProposals(ensemble!.MyId, loggedThrough), Self);
        }
    }

    private void OnLeaderPing(LeaderPing message)
    {
        var state = learner!;
        if (state.Phase == LearnerPhase.Serving && message.LastProposedZxid > state.LastReceivedZxid)
        {
            // Pings travel behind the packets sent before them: a zxid we never got was lost on the way.
            EnterLooking($"the leader sent up to 0x{message.LastProposedZxid:x} but only 0x{state.LastReceivedZxid:x} arrived");
            return;
        }

        // Writes queued this turn go first, so the leader knows a new session before its touches.
        FlushForwards();
        SessionTouch[] touches = [.. state.Touches.Select(t => new SessionTouch(t.Key, t.Value))];
        state.Touches.Clear();
        state.Leader.Tell(new LearnerPing(ensemble!.MyId, touches), Self);
    }

    private void OnSyncCompleted(SyncCompleted message)
    {
        foreach (var (connection, item) in pendingSyncs)
        {
            if (connection.SessionId == message.SessionId && item.Request.Header.Xid == message.Cxid && item.SyncZxid == long.MaxValue)
            {
                item.SyncZxid = message.Zxid;
                break;
            }
        }

        CompleteReadySyncs();
    }

    /// <summary>Learner's share of the tick: repeat FOLLOWERINFO, and give up on a leader that went quiet.</summary>
    private void LearnerTick(long now)
    {
        var state = learner!;
        switch (state.Phase)
        {
            case LearnerPhase.Connecting when now - state.PhaseStartedMs > (long)config.InitLimit * config.TickTime:
                EnterLooking($"leader {state.LeaderId} did not answer within initLimit");
                return;
            case LearnerPhase.Connecting:
                SendFollowerInfo();
                return;
            case LearnerPhase.Syncing when now - state.LastHeardMs > (long)config.InitLimit * config.TickTime:
                EnterLooking($"the sync with leader {state.LeaderId} stalled for initLimit");
                return;
            case LearnerPhase.Serving when now - state.LastHeardMs > (long)config.SyncLimit * config.TickTime:
                EnterLooking($"nothing from leader {state.LeaderId} for syncLimit ({config.SyncLimit} ticks)");
                return;
        }
    }
}
