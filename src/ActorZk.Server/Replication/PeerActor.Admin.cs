using System.Text;
using ActorZk.Server.Admin;

namespace ActorZk.Server.Replication;

/// <content>The four-letter words: a snapshot of the member's state, formatted by the pure responder.</content>
public sealed partial class PeerActor
{
    private void OnFourLetterWord(FourLetterWordRequest message)
    {
        var word = message.Word;
        var effects = FourLetterWordResponder.EffectsOf(word, isServing: !recovering);
        if (effects.HasFlag(FourLetterWordEffects.ResetServerStats))
        {
            latency.Reset();
        }

        if (effects.HasFlag(FourLetterWordEffects.ResetConnectionStats))
        {
            foreach (var c in connections.All)
            {
                c.Latency.Reset();
            }
        }

        var text = FourLetterWordResponder.Respond(word, Snapshot(), config, DateTime.UtcNow);
        message.Connection.SendRawAndClose(Encoding.UTF8.GetBytes(text));
    }

    private ServerSnapshot Snapshot()
    {
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
            buckets.Add(new SessionExpiryBucket(nowUtc.AddMilliseconds(expiresAt - nowMono), [.. ids]));
        }

        var summary = tree.DataWatches.GetSummary();
        return new ServerSnapshot
        {
            Mode = "standalone",
            IsServing = !recovering,
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
            SnapshotDirectory = Path.GetFullPath(config.DataDir),
            TxnLogDirectory = Path.GetFullPath(config.DataLogDir ?? config.DataDir),
        };
    }
}
