using System.Text;
using ActorZk.Server.Admin;

namespace ActorZk.Server.Replication;

/// <content>The four-letter words: a snapshot of the member's state, formatted by the pure responder.</content>
public sealed partial class PeerActor
{
    // ZooKeeper's text trace mask: set through the AdminServer's set_trace_mask, read by gtmk and get_trace_mask.
    private long traceMask = FourLetterWordResponder.DefaultTraceMask;

    private void OnFourLetterWord(FourLetterWordRequest message)
    {
        var word = message.Word;
        ApplyEffects(word, traceMask: null);
        var snapshot = Snapshot(withDirectorySizes: word is "conf" or "dirs");
        var text = FourLetterWordResponder.Respond(word, snapshot, config, DateTime.UtcNow);
        message.Connection.SendRawAndClose(Encoding.UTF8.GetBytes(text));
    }

    // The AdminServer formats off this actor; it only needs the state, after the command's side effect.
    private void OnAdminSnapshot(AdminSnapshotRequest message)
    {
        if (message.EffectWord is { } word)
        {
            ApplyEffects(word, message.TraceMask);
        }

        Sender.Tell(Snapshot(message.WithDirectorySizes), Self);
    }

    private void ApplyEffects(string word, long? traceMask)
    {
        var effects = FourLetterWordResponder.EffectsOf(word, isServing: IsServing || readOnlyServing);
        if (effects.HasFlag(FourLetterWordEffects.ResetServerStats))
        {
            latency.Reset();
            metrics.Reset();
        }

        if (effects.HasFlag(FourLetterWordEffects.ResetConnectionStats))
        {
            foreach (var c in connections.All)
            {
                c.Latency.Reset();
            }
        }

        if (effects.HasFlag(FourLetterWordEffects.SetTraceMask) && traceMask is { } mask)
        {
            this.traceMask = mask;
        }
    }

    // ZooKeeper's QuorumPeer state name with its sync status, as in mntr's zk_peer_state.
    private string? PeerStateText => role switch
    {
        PeerRole.Standalone => null,
        PeerRole.Looking => "looking - broadcast",
        PeerRole.Leading => leader!.IsEstablished ? "leading - broadcast" : "leading - discovery",
        PeerRole.Following => learner!.Phase == LearnerPhase.Serving ? "following - broadcast" : "following - synchronization",
        _ => learner!.Phase == LearnerPhase.Serving ? "observing - broadcast" : "observing - synchronization",
    };

    // Counting the directories' files is quick, but mntr is polled and needs none, so only the answers that print the sizes pay for it.
    private ServerSnapshot Snapshot(bool withDirectorySizes)
    {
        var snapshotDirectory = Path.GetFullPath(config.DataDir);
        var txnLogDirectory = Path.GetFullPath(config.DataLogDir ?? config.DataDir);
        var open = connections.All;
        long received = 0, sent = 0;
        var infos = new List<ConnectionInfo>(open.Count);
        foreach (var c in open)
        {
            received += c.PacketsReceived;
            sent += c.PacketsSent;
            infos.Add(new ConnectionInfo(
                c.RemoteEndPoint.Address.ToString(),
                c.RemoteEndPoint.Port,
                c.PacketsReceived,
                c.PacketsSent,
                0,
                c.SessionId,
                c.SessionTimeout,
                c.LastZxid,
                c.EstablishedUtc,
                c.LastOperation,
                c.LastCxid,
                c.Latency.Min,
                c.Latency.Average,
                c.Latency.Max)
            {
                // ZooKeeper prints the selector's interest set: reading (1) once a session is up, 0 before.
                InterestOps = c.SessionId != 0 ? 1 : 0,
                LastResponseTime = c.LastResponseTime,
                LastLatencyMs = c.LastLatencyMs,
            });
        }

        var nowMono = NowMs();
        var nowUtc = DateTime.UtcNow;
        var buckets = new List<SessionExpiryBucket>();
        foreach (var (expiresAt, ids) in sessions.GetExpiryMap().OrderBy(b => b.Key))
        {
            buckets.Add(new SessionExpiryBucket(nowUtc.AddMilliseconds(expiresAt - nowMono), [.. ids]) { ExpiresAtMonotonicMs = expiresAt });
        }

        var summary = tree.DataWatches.GetSummary();
        return new ServerSnapshot
        {
            Mode = ModeText,
            IsServing = IsServing || readOnlyServing,
            IsReadOnly = readOnlyServing,
            ServerId = ensemble?.MyId ?? 0,
            LeaderId = leader is not null ? ensemble!.MyId : learner?.LeaderId ?? -1,
            Followers = leader?.Learners.Count ?? 0,
            VotingFollowers = leader?.Learners.Values.Count(l => !l.IsObserver) ?? 0,
            SyncedFollowers = leader?.Learners.Values.Count(l => !l.IsObserver && l.Stage == LearnerStage.UpToDate) ?? 0,
            SyncedObservers = leader?.Learners.Values.Count(l => l.IsObserver && l.Stage == LearnerStage.UpToDate) ?? 0,
            PendingSyncs = pendingSyncs.Count,
            PeerState = PeerStateText,
            LeadingSinceUtc = leader?.EstablishedUtc ?? default,
            OutstandingRequests = proposed.Count,
            LastZxid = tree.LastProcessedZxid,
            NodeCount = tree.NodeCount,
            ApproximateDataSize = tree.ApproximateDataSize,
            MinLatencyMs = latency.Min,
            AvgLatencyMs = latency.Average,
            MaxLatencyMs = latency.Max,
            PacketsReceived = received,
            PacketsSent = sent,
            EphemeralsCount = tree.EphemeralsCount,
            WatchCount = tree.WatchCount,
            WatchedPathCount = summary.NumPaths,
            Connections = infos,
            Sessions = [.. tree.Sessions],
            EphemeralsBySession = [.. tree.SessionsWithEphemerals.Select(s =>
                new KeyValuePair<long, IReadOnlyList<string>>(s, [.. tree.GetEphemerals(s).Order(StringComparer.Ordinal)]))],
            WatchesBySession = [.. tree.DataWatches.GetWatchesBySession()],
            WatchesByPath = [.. tree.DataWatches.GetWatchesByPath()],
            SessionExpiryBuckets = buckets,
            StartedUtc = startedUtc,
            Metrics = metrics.Copy(),
            LastProposalSize = metrics.LastProposalSize,
            MinProposalSize = metrics.MinProposalSize,
            MaxProposalSize = metrics.MaxProposalSize,
            SnapshotDirectory = snapshotDirectory,
            TxnLogDirectory = txnLogDirectory,
            SnapshotDirSizeBytes = withDirectorySizes ? DirectorySize.Of(snapshotDirectory) : 0,
            TxnLogDirSizeBytes = withDirectorySizes ? DirectorySize.Of(txnLogDirectory) : 0,
            TraceMask = traceMask,
        };
    }
}
