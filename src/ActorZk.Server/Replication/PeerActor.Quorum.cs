using ActorZk.Core.Processing;
using ActorZk.Core.Quorum;
using ActorZk.Core.Tree;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Network;
using ActorZk.Server.Quorum;
using ActorZk.Server.Storage;
using Akka.Actor;
using Akka.Remote;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>
/// Quorum mode, the parts every role shares: LOOKING (clients refused, the log caught up, then an election), the
/// move from one role to the next, the window of committed txns a leader syncs learners from, and syncs waiting
/// for this member to catch up. The rules come from docs/zab-core.md; the decisions from ActorZk.Core.Quorum.
/// </content>
public sealed partial class PeerActor
{
    // DIFF can send only what the leader still holds in memory (commitLogCount txns, at most this many bytes);
    // learners further behind get a snapshot.
    private const long CommittedWindowMaxBytes = 64L << 20;

    private readonly LinkedList<LoggedTxn> committedWindow = new();
    private readonly List<(ClientConnection Connection, InFlightRequest Item)> pendingSyncs = [];

    // A learner that decides before this member does registers before this member knows it leads. Its FOLLOWERINFO
    // is kept (the newest per server) and handled on leading, so the learner need not repeat it a tick later.
    private readonly Dictionary<long, (FollowerInfo Info, IActorRef Sender)> earlyRegistrations = [];
    private PeerRole role = PeerRole.Standalone;
    private IActorRef election = ActorRefs.Nobody;
    private LeaderState? leader;
    private LearnerState? learner;
    private bool electionPending;
    private long learnerRegistrations;
    private long committedWindowBytes;

    private string ModeText => role switch
    {
        PeerRole.Leading => "leader",
        PeerRole.Following => "follower",
        PeerRole.Observing => "observer",
        PeerRole.Looking => "looking",
        _ => "standalone",
    };

    /// <summary>True while clients may use this member.</summary>
    private bool IsServing => !recovering && role switch
    {
        PeerRole.Standalone => true,
        PeerRole.Leading => leader?.IsEstablished == true,
        PeerRole.Following or PeerRole.Observing => learner?.Phase == LearnerPhase.Serving,
        _ => false,
    };

    /// <summary>Leaves whatever role this member had and starts an election once its log is settled.</summary>
    private void EnterLooking(string reason)
    {
        if (role != PeerRole.Looking)
        {
            logger.LogWarning("Member {Id} stops {Role} and starts LOOKING: {Reason}", ensemble!.MyId, ModeText, reason);
        }

        role = PeerRole.Looking;
        metrics.Add("looking_count");
        leader = null;
        learner = null;
        earlyRegistrations.Clear();
        DropClients();

        // Whatever reaches the log is part of this member's history and is applied (MaybeStartElection, and
        // OnTxnsLogged while LOOKING), as a restart would do; the next leader's sync cuts what its history lacks.
        OnFlushLog();
        electionPending = true;
        Become(Looking);
        ScheduleReadOnly();
        MaybeStartElection();
    }

    private void MaybeStartElection()
    {
        if (!electionPending || unflushed.Count > 0 || loggedThrough < appendedThrough || restartingLog)
        {
            return;
        }

        committedThrough = loggedThrough;
        ApplyReady();
        electionPending = false;
        election.Tell(new StartElection(tree.LastProcessedZxid, ensemble!.Epochs.CurrentEpoch));
    }

    private void Looking()
    {
        Receive<LeaderElected>(OnLeaderElected);
        Receive<FollowerInfo>(message => earlyRegistrations[message.ServerId] = (message, Sender));
        Receive<StartReadOnly>(_ => OnStartReadOnly());
        Receive<ConnectSession>(OnReadOnlyConnect);
        Receive<ClientRequest>(OnReadOnlyRequest);
        CommonReceives();
    }

    private void OnLeaderElected(LeaderElected message)
    {
        if (electionPending)
        {
            return;
        }

        StopReadOnly();
        var registrations = earlyRegistrations.Values.ToList();
        earlyRegistrations.Clear();
        switch (message.State)
        {
            case ServerState.Leading:
                BeginLeading();
                foreach (var (info, sender) in registrations)
                {
                    Self.Tell(info, sender);
                }

                break;
            case ServerState.Following:
            case ServerState.Observing:
                BeginLearning(message.Vote.Leader, observer: message.State == ServerState.Observing);
                break;
            default:
                EnterLooking("the election ended without a role");
                break;
        }
    }

    /// <summary>Closes every client connection: clients move to a member that serves (ZooKeeper does the same).</summary>
    private void DropClients()
    {
        foreach (var connection in connections.All)
        {
            connection.Close();
        }

        sessionConnections.Clear();
        pendingConnects.Clear();
        pendingSyncs.Clear();
    }

    private void ServeClients()
    {
        Receive<ClientRequest>(OnRequest);
        Receive<ConnectSession>(OnConnect);
    }

    /// <summary>
    /// Leading before the epoch is established, or learning before UPTODATE, the member closes client connections
    /// (clients move on to a member that serves); from then on it serves them.
    /// </summary>
    private void ServeClientsWhileServing()
    {
        Receive<ClientRequest>(m =>
        {
            if (IsServing)
            {
                OnRequest(m);
            }
            else
            {
                m.Connection.Close();
            }
        });
        Receive<ConnectSession>(m =>
        {
            if (IsServing)
            {
                OnConnect(m);
            }
            else
            {
                m.Connection.Close();
            }
        });
    }

    /// <summary>Messages every state handles the same way; registered last so that states can override them.</summary>
    private void CommonReceives()
    {
        Receive<ConnectionClosed>(OnConnectionClosed);
        Receive<FlushLog>(_ => OnFlushLog());
        Receive<ContinueSnapshot>(_ => OnContinueSnapshot());
        Receive<TxnsLogged>(OnTxnsLogged);
        Receive<Tick>(_ => OnTick());
        Receive<FourLetterWordRequest>(OnFourLetterWord);
        Receive<AdminSnapshotRequest>(OnAdminSnapshot);
        Receive<Terminated>(OnLogTerminated);
        Receive<LogRecovered>(OnLogRebuilt);
        Receive<DisassociatedEvent>(OnDisassociated);
        Receive<GetPeerStatus>(_ => Sender.Tell(new PeerStatus(
            ModeText, tree.LastProcessedZxid, tree.NodeCount, sessions.Count, tree.WatchCount)));

        // Packets of a role this member no longer has (a deposed leader's, a learner's of a past term) are dropped.
        Receive<LeaderElected>(_ => { });
        Receive<StartReadOnly>(_ => { });
        Receive<FollowerInfo>(_ => { });
        Receive<AckEpoch>(_ => { });
        Receive<AckNewLeader>(_ => { });
        Receive<AckProposals>(_ => { });
        Receive<LearnerPing>(_ => { });
        Receive<ForwardedRequest>(_ => { });
        Receive<ForwardedRequests>(_ => { });
        Receive<ForwardedSync>(_ => { });
        Receive<LeaderInfo>(_ => { });
        Receive<SyncTxns>(_ => { });
        Receive<SyncTruncate>(_ => { });
        Receive<SyncSnapshotChunk>(_ => { });
        Receive<NewLeader>(_ => { });
        Receive<UpToDate>(_ => { });
        Receive<Proposals>(_ => { });
        Receive<CommitThrough>(_ => { });
        Receive<Inform>(_ => { });
        Receive<LeaderPing>(_ => { });
        Receive<SyncCompleted>(_ => { });
        Receive<SnapshotInstalled>(_ => { });
        Receive<LogTruncated>(_ => { });
    }

    private void OnDisassociated(DisassociatedEvent message)
    {
        // A dead member's connection closes long before a failure detector would say so: act on it at once, as
        // ZooKeeper does when its quorum socket closes.
        if (learner is { } state && ensemble!.Addresses[state.LeaderId].Equals(message.RemoteAddress))
        {
            EnterLooking("the connection to the leader closed");
            return;
        }

        if (leader is { } leading)
        {
            foreach (var handle in leading.Learners.Values.Where(h => ensemble!.Addresses[h.Id].Equals(message.RemoteAddress)).ToList())
            {
                logger.LogInformation("Learner {Id} disconnected", handle.Id);
                leading.Learners.Remove(handle.Id);
                leading.Liveness.Disconnected(handle.Id);
            }
        }
    }

    /// <summary>Keeps the committed txns a leader may send as a DIFF (contiguous, newest last).</summary>
    private void RememberCommitted(LoggedTxn txn)
    {
        if (ensemble is null)
        {
            return;
        }

        if (committedWindow.Last is { } last && !FollowsWithoutGap(last.Value.Zxid, txn.Zxid))
        {
            // A hole would make a DIFF skip txns: start the window again from here.
            ClearCommittedWindow();
        }

        committedWindow.AddLast(txn);
        committedWindowBytes += txn.Bytes.Length;
        while (committedWindow.Count > config.CommitLogCount || (committedWindowBytes > CommittedWindowMaxBytes && committedWindow.Count > 1))
        {
            committedWindowBytes -= committedWindow.First!.Value.Bytes.Length;
            committedWindow.RemoveFirst();
        }
    }

    /// <summary>Starts the committed window with the txns recovery replayed (the tree already holds them).</summary>
    private void RememberRecovered(IReadOnlyList<LoggedTxn>? txns)
    {
        foreach (var txn in txns ?? [])
        {
            RememberCommitted(txn);
        }
    }

    private void ClearCommittedWindow()
    {
        committedWindow.Clear();
        committedWindowBytes = 0;
    }

    /// <summary>Answers the syncs whose zxid this member has now applied, in each connection's order.</summary>
    private void CompleteReadySyncs()
    {
        if (pendingSyncs.Count == 0)
        {
            return;
        }

        var applied = tree.LastProcessedZxid;
        for (var i = 0; i < pendingSyncs.Count; i++)
        {
            var (connection, item) = pendingSyncs[i];
            if (item.SyncZxid > applied)
            {
                continue;
            }

            pendingSyncs.RemoveAt(i--);
            var response = item.Request.Request is SyncRequest sync ? SyncResponse.Echo(sync) : new SyncResponse("/");
            item.Complete(applied, new Reply(ErrorCode.Ok, response));
            DrainPipeline(connection);
        }
    }

    /// <summary>Replaces the tree (after TRUNC or SNAP): a new preparer and reader, every session tracked afresh.</summary>
    private void ReplaceTree(DataTree newTree)
    {
        AbandonSnapshot();
        (tree, sessions, preparer, reads) = CreateState(newTree);
        ClearCommittedWindow();
        var now = NowMs();
        foreach (var (sessionId, timeout) in tree.Sessions)
        {
            sessions.TrackSession(sessionId, timeout, now);
        }

        var zxid = tree.LastProcessedZxid;
        loggedThrough = committedThrough = appendedThrough = lastProposedZxid = lastTxnZxid = zxid;
        proposed.Clear();
        unflushed.Clear();
    }
}
