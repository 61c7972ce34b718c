using ActorZk.Core.Quorum;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Server.Quorum;
using ActorZk.Server.Storage;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>
/// LEADING: discovery (a new epoch from a quorum's acceptedEpochs), sync of every learner (DIFF, TRUNC or SNAP,
/// then the proposals in flight, then NEWLEADER), and once a quorum acked NEWLEADER, broadcast: proposals to the
/// followers with each log batch, commits on a quorum of acks, informs to the observers, pings every half tick,
/// expiry of every session of the ensemble, and a step down when no quorum of voters is in sync any more.
/// </content>
public sealed partial class PeerActor
{
    // Akka.Remote frames are bounded (hocon); snapshots and DIFFs travel in pieces well below the bound.
    private const int SyncChunkBytes = 1 << 20;

    private void BeginLeading()
    {
        var quorum = ensemble!.Quorum;
        var epochs = ensemble.Epochs;
        var negotiation = new EpochNegotiation(quorum, ensemble.MyId, epochs.AcceptedEpoch, new StateSummary(epochs.CurrentEpoch, tree.LastProcessedZxid));
        leader = new LeaderState(negotiation, new QuorumLiveness(quorum, ensemble.MyId, config.InitLimit, config.SyncLimit), NowMs());
        role = PeerRole.Leading;
        logger.LogInformation("Member {Id} is LEADING; discovery starts at zxid 0x{Zxid:x}", ensemble.MyId, tree.LastProcessedZxid);
        Become(Leading);
        HandleEpochStep(negotiation.Start());
    }

    private void Leading()
    {
        Receive<FollowerInfo>(OnFollowerInfo);
        Receive<AckEpoch>(OnAckEpoch);
        Receive<AckNewLeader>(OnAckNewLeader);
        Receive<AckProposals>(OnAckProposals);
        Receive<ForwardedRequest>(OnForwardedRequest);
        Receive<ForwardedRequests>(OnForwardedRequests);
        Receive<ForwardedSync>(OnForwardedSync);
        Receive<LearnerPing>(OnLearnerPing);
        ServeClientsWhileServing();
        CommonReceives();
    }

    /// <summary>The learner that sent the current message, if it is registered under that id.</summary>
    private LearnerHandle? CurrentLearner(long serverId)
    {
        if (leader!.Learners.TryGetValue(serverId, out var handle) && handle.Peer.Equals(Sender))
        {
            leader.Liveness.Heard(serverId, NowTick());
            return handle;
        }

        return null;
    }

    private long NowTick() => NowMs() / config.TickTime;

    private void OnFollowerInfo(FollowerInfo message)
    {
        var state = leader!;
        if (!ensemble!.Quorum.IsMember(message.ServerId) || ensemble.Quorum.IsObserver(message.ServerId) != message.IsObserver)
        {
            logger.LogWarning("Ignoring FOLLOWERINFO of server {Id}: not a {Role} of this ensemble", message.ServerId, message.IsObserver ? "observer" : "voter");
            return;
        }

        if (state.Learners.TryGetValue(message.ServerId, out var known) && known.Peer.Equals(Sender) && known.Registration == message.Registration)
        {
            // The learner repeats FOLLOWERINFO until LEADERINFO arrives.
            if (known.Stage == LearnerStage.AwaitingAckEpoch && state.Negotiation.NewEpoch is { } epoch)
            {
                known.Peer.Tell(new LeaderInfo(ensemble.MyId, epoch), Self);
            }

            return;
        }

        var handle = new LearnerHandle(message.ServerId, Sender, message.IsObserver, message.Registration);
        state.Learners[message.ServerId] = handle;
        state.Liveness.Connected(message.ServerId, NowTick());
        logger.LogInformation("Learner {Id} registered ({Role}, last zxid 0x{Zxid:x})", message.ServerId, message.IsObserver ? "observer" : "follower", message.LastLoggedZxid);
        HandleEpochStep(state.Negotiation.FollowerInfo(message.ServerId, message.AcceptedEpoch));
        if (leader is not null && handle.Stage == LearnerStage.AwaitingEpoch && state.Negotiation.NewEpoch is { } newEpoch)
        {
            handle.Stage = LearnerStage.AwaitingAckEpoch;
            handle.Peer.Tell(new LeaderInfo(ensemble.MyId, newEpoch), Self);
        }
    }

    private void OnAckEpoch(AckEpoch message)
    {
        if (CurrentLearner(message.ServerId) is not { Stage: LearnerStage.AwaitingAckEpoch } handle)
        {
            return;
        }

        handle.LastZxid = message.LastLoggedZxid;
        handle.Stage = LearnerStage.EpochAcked;
        var state = leader!;
        HandleEpochStep(state.Negotiation.AckEpoch(message.ServerId, new StateSummary(message.CurrentEpoch, message.LastLoggedZxid)));
        if (leader is not null && handle.Stage == LearnerStage.EpochAcked && state.Negotiation.Phase >= EpochPhase.CollectingNewLeaderAcks)
        {
            SyncLearner(handle);
        }
    }

    private void OnAckNewLeader(AckNewLeader message)
    {
        if (CurrentLearner(message.ServerId) is not { Stage: LearnerStage.Syncing } handle)
        {
            return;
        }

        handle.Stage = LearnerStage.NewLeaderAcked;
        var state = leader!;
        if (state.IsEstablished)
        {
            SendUpToDate(handle);
            return;
        }

        HandleEpochStep(state.Negotiation.AckNewLeader(message.ServerId, message.Zxid));
    }

    private void HandleEpochStep(EpochStep step)
    {
        var state = leader!;
        if (step.FollowerAhead)
        {
            EnterLooking("a follower has a more recent history than this leader");
            return;
        }

        if (step.NewEpochDecided is { } epoch)
        {
            // Durable before any learner hears of it.
            ensemble!.Epochs.SetAcceptedEpoch(epoch);
            foreach (var handle in state.Learners.Values.Where(h => h.Stage == LearnerStage.AwaitingEpoch))
            {
                handle.Stage = LearnerStage.AwaitingAckEpoch;
                handle.Peer.Tell(new LeaderInfo(ensemble.MyId, epoch), Self);
            }
        }

        if (step.EpochAcksComplete)
        {
            ensemble!.Epochs.SetCurrentEpoch(state.Negotiation.NewEpoch!.Value);
            foreach (var handle in state.Learners.Values.Where(h => h.Stage == LearnerStage.EpochAcked).ToList())
            {
                SyncLearner(handle);
            }
        }

        if (step.Established)
        {
            Establish();
        }
    }

    /// <summary>
    /// Sends one learner what it lacks, then the proposals in flight, then NEWLEADER; from this turn on it gets every
    /// proposal and commit, so nothing falls between the sync and the broadcast.
    /// </summary>
    private void SyncLearner(LearnerHandle handle)
    {
        var state = leader!;
        OnFlushLog();
        // The last applied txn, not the new epoch's start the tree reports once established: a learner that has
        // every txn needs no snapshot, whatever epoch it last saw.
        var applied = committedWindow.Last?.Value.Zxid ?? lastTxnZxid;
        SyncPlan plan;
        try
        {
            plan = SyncPlanner.Plan([.. committedWindow.Select(t => t.Zxid)], applied, handle.LastZxid);
        }
        catch (ArgumentException e)
        {
            logger.LogWarning("Cannot plan a DIFF for learner {Id} ({Reason}); sending a snapshot", handle.Id, e.Message);
            plan = new SnapSync(tree.LastProcessedZxid);
        }

        // As ZooKeeper's LearnerHandler: a snapshot counts as snap_count, everything else (TRUNC too) as diff_count.
        metrics.Add(plan is SnapSync ? "snap_count" : "diff_count");
        switch (plan)
        {
            case DiffSync diff:
                SendTxns(handle, diff.After, diff.UpTo);
                break;
            case TruncSync trunc:
                handle.Peer.Tell(new SyncTruncate(trunc.TruncateTo), Self);
                SendTxns(handle, trunc.TruncateTo, trunc.UpTo);
                break;
            case SnapSync:
                SendSnapshot(handle);
                break;
        }

        logger.LogInformation("Syncing learner {Id} from 0x{From:x} by {Plan}", handle.Id, handle.LastZxid, plan);
        var syncedThrough = plan is SnapSync ? tree.LastProcessedZxid : plan.SyncedThrough;
        ForwardInFlight(handle, syncedThrough);
        handle.Stage = LearnerStage.Syncing;
        handle.Peer.Tell(new NewLeader(state.Negotiation.NewLeaderZxid), Self);
    }

    private void SendTxns(LearnerHandle handle, long after, long upTo)
    {
        var batch = new List<LoggedTxn>();
        var bytes = 0;
        foreach (var txn in committedWindow)
        {
            if (txn.Zxid <= after || txn.Zxid > upTo)
            {
                continue;
            }

            batch.Add(txn);
            bytes += txn.Bytes.Length;
            if (bytes >= SyncChunkBytes)
            {
                handle.Peer.Tell(new SyncTxns(batch), Self);
                batch = [];
                bytes = 0;
            }
        }

        if (batch.Count > 0)
        {
            handle.Peer.Tell(new SyncTxns(batch), Self);
        }
    }

    private void SendSnapshot(LearnerHandle handle)
    {
        // An exact snapshot, taken in this turn: the txns applied later reach the learner as proposals.
        using var stream = new MemoryStream();
        tree.Serialize(stream);
        var bytes = stream.GetBuffer().AsSpan(0, (int)stream.Length);
        var count = Math.Max(1, (bytes.Length + SyncChunkBytes - 1) / SyncChunkBytes);
        for (var i = 0; i < count; i++)
        {
            var piece = bytes.Slice(i * SyncChunkBytes, Math.Min(SyncChunkBytes, bytes.Length - (i * SyncChunkBytes))).ToArray();
            handle.Peer.Tell(new SyncSnapshotChunk(tree.LastProcessedZxid, i, count, piece), Self);
        }
    }

    /// <summary>Proposals above what the sync covered: followers get them (and their commits), observers the committed ones.</summary>
    private void ForwardInFlight(LearnerHandle handle, long syncedThrough)
    {
        var pending = proposed.Where(p => p.Zxid > syncedThrough).Select(p => p.Logged).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        if (handle.IsObserver)
        {
            var committed = pending.Where(t => t.Zxid <= committedThrough).ToList();
            if (committed.Count > 0)
            {
                handle.Peer.Tell(new Inform(committed), Self);
            }

            return;
        }

        handle.Peer.Tell(new Proposals(pending), Self);
        if (committedThrough > syncedThrough)
        {
            handle.Peer.Tell(new CommitThrough(committedThrough), Self);
        }
    }

    private void Establish()
    {
        var state = leader!;
        var epoch = state.Negotiation.NewEpoch!.Value;
        state.Zxids = new ZxidGenerator(epoch);
        state.Tracker = new ProposalTracker(ensemble!.Quorum, epoch);
        state.EstablishedUtc = DateTime.UtcNow;

        // As ZooKeeper's leader: the tree is at the new epoch's start from now on (srvr shows 0x<epoch>00000000).
        tree.LastProcessedZxid = Math.Max(tree.LastProcessedZxid, state.Negotiation.NewLeaderZxid);
        state.LastSentProposal = state.LastInformed = lastProposedZxid = tree.LastProcessedZxid;
        election.Tell(new UpdatePeerEpoch(epoch));

        // Every session gets a full timeout from now: their clients may be reconnecting from a member that left.
        var now = NowMs();
        foreach (var (sessionId, timeout) in tree.Sessions)
        {
            sessions.TrackSession(sessionId, timeout, now);
            sessions.TouchSession(sessionId, timeout, now);
        }

        logger.LogInformation(
            "Member {Id} LEADING epoch {Epoch} with {Count} of {Voters} voters in sync, after {Elapsed} ms",
            ensemble.MyId,
            epoch,
            state.Negotiation.NewLeaderAckers.Count,
            ensemble.Quorum.Voters.Count,
            NowMs() - state.StartedMs);
        foreach (var handle in state.Learners.Values.Where(h => h.Stage == LearnerStage.NewLeaderAcked))
        {
            SendUpToDate(handle);
        }
    }

    private void SendUpToDate(LearnerHandle handle)
    {
        handle.Stage = LearnerStage.UpToDate;
        handle.Peer.Tell(new UpToDate(ensemble!.MyId), Self);
    }

    /// <summary>
    /// The leader's packets of one flush: the new proposals to the followers (with the pending commit riding along),
    /// or the commit alone; the newly committed txns to the observers.
    /// </summary>
    private void SendToLearners(LoggedTxn[]? batch)
    {
        var state = leader!;
        var commit = state.CommitPending;
        state.CommitPending = false;
        if (!state.IsEstablished || (batch is null && !commit && state.PendingInform.Count == 0))
        {
            state.PendingInform.Clear();
            return;
        }

        object? toFollowers = batch is not null ? new Proposals(batch) { CommitThrough = commit ? committedThrough : 0 }
            : commit ? new CommitThrough(committedThrough)
            : null;
        Inform? toObservers = state.PendingInform.Count > 0 ? new Inform([.. state.PendingInform]) : null;
        state.PendingInform.Clear();
        foreach (var handle in state.Learners.Values)
        {
            if (!handle.IsForwarding)
            {
                continue;
            }

            if ((handle.IsObserver ? toObservers : toFollowers) is { } packet)
            {
                handle.Peer.Tell(packet, Self);
            }
        }

        if (batch is not null)
        {
            state.LastSentProposal = batch[^1].Zxid;
        }

        if (toObservers is not null)
        {
            state.LastInformed = toObservers.Txns[^1].Zxid;
        }
    }

    private void OnAckProposals(AckProposals message)
    {
        if (CurrentLearner(message.ServerId) is not null && leader!.Tracker is { } tracker)
        {
            CommitAll(tracker.AckThrough(message.ServerId, message.Zxid));
            ApplyReady();
        }
    }

    /// <summary>
    /// Commits what a quorum acked. COMMIT to the followers and INFORM to the observers leave with the next flush,
    /// after the rest of the mailbox: acks and new proposals that arrive meanwhile share the packets.
    /// </summary>
    private void CommitAll(IReadOnlyList<long> zxids)
    {
        if (zxids.Count == 0)
        {
            return;
        }

        var previous = committedThrough;
        committedThrough = zxids[^1];
        metrics.Add("commit_count", zxids.Count);
        var state = leader!;
        state.CommitPending = true;
        if (state.Learners.Values.Any(h => h.IsForwarding && h.IsObserver))
        {
            // Taken now: applying removes them from the queue of proposals.
            foreach (var proposal in proposed)
            {
                if (proposal.Zxid > committedThrough)
                {
                    break;
                }

                if (proposal.Zxid > previous)
                {
                    state.PendingInform.Add(proposal.Logged);
                }
            }
        }

        ScheduleFlush();
    }

    private void OnForwardedRequest(ForwardedRequest message)
    {
        var state = leader!;
        if (!state.IsEstablished || CurrentLearner(message.ServerId) is null)
        {
            return;
        }

        IJuteRecord? request;
        try
        {
            var reader = new JuteReader(message.Body);
            request = message.Type == OpCode.CreateSession
                ? CreateSessionTxn.Deserialize(ref reader)
                : RequestDecoder.Decode(message.Type, ref reader);
        }
        catch (JuteException e) when (message.Type != OpCode.CreateSession)
        {
            // The client's body did not decode at the learner either: an error txn answers it, as for a local client.
            logger.LogInformation("Malformed {Op} request forwarded by learner {Id}: {Message}", message.Type, message.ServerId, e.Message);
            request = MalformedRequest.Instance;
        }
        catch (JuteException e)
        {
            logger.LogError(e, "Dropping a malformed request forwarded by learner {Id}", message.ServerId);
            return;
        }

        if (request is CreateSessionTxn created)
        {
            // The learner made the id; the leader tracks it for expiry from now on.
            sessions.TrackSession(message.SessionId, created.TimeOut, NowMs());
        }

        PrepareAndPropose(message.SessionId, message.Cxid, message.Type, request, message.AuthInfo, TxnOrigin.Remote);
    }

    private void OnForwardedRequests(ForwardedRequests message)
    {
        foreach (var request in message.Requests)
        {
            OnForwardedRequest(request);
        }
    }

    private void OnForwardedSync(ForwardedSync message)
    {
        if (leader!.IsEstablished && CurrentLearner(message.ServerId) is { } handle)
        {
            handle.Peer.Tell(new SyncCompleted(message.SessionId, message.Cxid, lastProposedZxid), Self);
        }
    }

    private void OnLearnerPing(LearnerPing message)
    {
        if (CurrentLearner(message.ServerId) is null)
        {
            return;
        }

        var now = NowMs();
        foreach (var touch in message.Touches)
        {
            sessions.TouchSession(touch.SessionId, touch.Timeout, now);
        }
    }

    /// <summary>Leader's share of the tick: discovery deadline, pings, and the step down without a synced quorum.</summary>
    private bool LeaderTick(long now)
    {
        var state = leader!;
        if (!state.IsEstablished)
        {
            if (now - state.StartedMs > (long)config.InitLimit * config.TickTime)
            {
                EnterLooking($"no quorum of voters synced within initLimit ({config.InitLimit} ticks)");
            }

            return false;
        }

        if (now - state.LastPingMs >= config.TickTime / 2)
        {
            state.LastPingMs = now;
            var nowTick = NowTick();
            foreach (var handle in state.Learners.Values.ToList())
            {
                if (!state.Liveness.IsSynced(handle.Id, nowTick))
                {
                    logger.LogWarning("Learner {Id} has not been heard for syncLimit ({Limit} ticks); dropping it", handle.Id, config.SyncLimit);
                    state.Learners.Remove(handle.Id);
                    state.Liveness.Disconnected(handle.Id);
                    continue;
                }

                if (handle.IsForwarding)
                {
                    handle.Peer.Tell(new LeaderPing(ensemble!.MyId, handle.IsObserver ? state.LastInformed : state.LastSentProposal), Self);
                }
            }

            if (!state.Liveness.HasSyncedQuorum(nowTick))
            {
                EnterLooking("not enough followers in sync to keep a quorum");
                return false;
            }
        }

        return true;
    }
}
