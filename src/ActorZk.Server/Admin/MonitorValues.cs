using ActorZk.Server.Configuration;

namespace ActorZk.Server.Admin;

/// <summary>
/// The monitoring values of ZooKeeper's MonitorCommand, typed, in its order: the mntr four-letter word prints them
/// as text lines, the AdminServer's monitor command as JSON numbers and strings.
/// </summary>
internal static class MonitorValues
{
    /// <summary>Every value as (key without "zk_", long, double or string).</summary>
    public static List<KeyValuePair<string, object>> Collect(ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc, ProcessFacts process)
    {
        var role = ServerRoles.Of(snapshot);
        var values = new List<KeyValuePair<string, object>>
        {
            new("version", ServerVersion.Full),
            new("server_state", ServerRoles.ModeText(snapshot)),
        };
        if (ServerRoles.IsQuorum(role))
        {
            values.Add(new("peer_state", snapshot.PeerState ?? role switch
            {
                ServerRole.Leader => "leading - broadcast",
                ServerRole.Follower => "following - broadcast",
                _ => "observing - broadcast",
            }));
        }

        if (role == ServerRole.Observer)
        {
            values.Add(new("observer_master_id", snapshot.LeaderId));
        }

        foreach (var gauge in MonitorLayout.Gauges)
        {
            if ((MonitorLayout.LeaderOnlyGauges.Contains(gauge) && role != ServerRole.Leader)
                || (MonitorLayout.QuorumOnlyGauges.Contains(gauge) && !ServerRoles.IsQuorum(role)))
            {
                continue;
            }

            // ZooKeeper skips a gauge whose value is null (file descriptors where the OS has no such notion).
            if (Gauge(gauge, snapshot, config, nowUtc, process) is { } value)
            {
                values.Add(new(gauge, value));
            }
        }

        foreach (var counter in MonitorLayout.Counters)
        {
            values.Add(new(counter, Counter(snapshot, counter)));
        }

        foreach (var summary in MonitorLayout.BasicSummaries)
        {
            AddSummary(values, snapshot, summary, MonitorLayout.BasicParts);
        }

        foreach (var summary in MonitorLayout.PercentileSummaries)
        {
            AddSummary(values, snapshot, summary, MonitorLayout.PercentileParts);
        }

        return values;
    }

    /// <summary>A counter or gauge kept in <see cref="ServerSnapshot.Metrics"/>; 0 when ActorZk does not count it.</summary>
    public static long Counter(ServerSnapshot snapshot, string key)
        => snapshot.Metrics.TryGetValue(key, out var value) ? value : 0;

    // AvgMinMaxCounter(.values) and AvgMinMaxPercentileCounter: the average is derived from sum and count.
    private static void AddSummary(List<KeyValuePair<string, object>> values, ServerSnapshot snapshot, string name, string[] parts)
    {
        foreach (var part in parts)
        {
            var key = part + "_" + name;
            if (part == "avg")
            {
                var count = Counter(snapshot, "cnt_" + name);
                var average = count > 0 ? JavaText.RoundHalfUp4(Counter(snapshot, "sum_" + name) / (double)count) : 0d;
                values.Add(new(key, average));
            }
            else
            {
                values.Add(new(key, Counter(snapshot, key)));
            }
        }
    }

    private static object? Gauge(string gauge, ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc, ProcessFacts process) => gauge switch
    {
        "ephemerals_count" => (long)snapshot.EphemeralsCount,
        "num_alive_connections" => (long)snapshot.Connections.Count,
        "avg_latency" => JavaText.RoundHalfUp4(snapshot.AvgLatencyMs),
        "min_latency" => snapshot.MinLatencyMs,
        "max_latency" => snapshot.MaxLatencyMs,
        "outstanding_requests" => (long)snapshot.OutstandingRequests,
        "znode_count" => (long)snapshot.NodeCount,
        "global_sessions" => (long)snapshot.Sessions.Count,
        "packets_sent" => snapshot.PacketsSent,
        "packets_received" => snapshot.PacketsReceived,
        "last_client_response_size" => snapshot.LastClientResponseSize,
        "min_client_response_size" => snapshot.MinClientResponseSize,
        "max_client_response_size" => snapshot.MaxClientResponseSize,
        "last_proposal_size" => snapshot.LastProposalSize,
        "min_proposal_size" => snapshot.MinProposalSize,
        "max_proposal_size" => snapshot.MaxProposalSize,
        "learners" => (long)snapshot.Followers,
        "followers" => (long)snapshot.VotingFollowers,
        "synced_followers" => (long)snapshot.SyncedFollowers,
        "synced_non_voting_followers" => (long)snapshot.SyncedNonVotingFollowers,
        "synced_observers" => (long)snapshot.SyncedObservers,
        "pending_syncs" => (long)snapshot.PendingSyncs,
        "watch_count" => (long)snapshot.WatchCount,
        "approximate_data_size" => snapshot.ApproximateDataSize,
        "uptime" => AdminTime.MillisecondsSince(snapshot.StartedUtc, nowUtc),
        "leader_uptime" => AdminTime.MillisecondsSince(snapshot.LeadingSinceUtc, nowUtc),
        "quorum_size" => (long)config.Peers.Count(p => !p.IsObserver),
        "open_file_descriptor_count" => process.OpenFileDescriptorCount,
        "max_file_descriptor_count" => process.MaxFileDescriptorCount,

        // ActorZk does not throttle connections (ZooKeeper's BlueThrottle), so nothing is ever dropped.
        "connection_drop_probability" => 0.0d,

        // No local sessions, TLS or mTLS in ActorZk: these read 0 unless the host counts them in Metrics.
        _ => Counter(snapshot, gauge),
    };
}
