using System.Text;
using ActorZk.Protocol.Framing;
using ActorZk.Server.Configuration;

namespace ActorZk.Server.Admin;

/// <summary>
/// Formats the reply to a four-letter word exactly as Apache ZooKeeper 3.8.0 does, from a <see cref="ServerSnapshot"/>.
/// Pure: it reads no clock and changes nothing; what a word changes (srst, crst, stmk) is reported by
/// <see cref="EffectsOf"/> for the caller to apply, and the process facts of envi and mntr come from
/// <see cref="ProcessFacts"/>.
/// </summary>
/// <remarks>
/// Lines end with "\n" (ZooKeeper's PrintWriter on Linux). ruok, isro, gtmk and stmk end without a newline, and so
/// do conf on a quorum member (its last line is the membership's "version=...") and hash's not-serving line,
/// because ZooKeeper prints those with print, not println. The caller writes the text as ASCII/UTF-8 and closes the
/// connection, which is how a four-letter word client knows the reply is complete.
/// </remarks>
public static class FourLetterWordResponder
{
    /// <summary>What ZooKeeper prints for the guarded words while it does not serve (no quorum, shutting down).</summary>
    public const string NotServing = "This ZooKeeper instance is not currently serving requests";

    /// <summary>ZooKeeper's initial text trace mask: client request, server packet, session and warning traces (2|16|32|256).</summary>
    public const long DefaultTraceMask = 306;

    private const string ReadOnlyBanner = "READ-ONLY mode; serving only read-only clients";

    private enum Role
    {
        Standalone,
        Leader,
        Follower,
        Observer,
        ReadOnly,
    }

    /// <summary>The reply to <paramref name="word"/>; envi and mntr read this process's facts now.</summary>
    /// <param name="word">One of <see cref="FourLetterWords.All"/>.</param>
    /// <param name="snapshot">The server's state.</param>
    /// <param name="config">The configuration the server runs with (conf, quorum size).</param>
    /// <param name="nowUtc">The clock for uptimes.</param>
    public static string Respond(string word, ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(word);
        var process = word is "envi" or "mntr" ? ProcessFacts.Capture() : new ProcessFacts();
        return Respond(word, snapshot, config, nowUtc, process);
    }

    /// <summary>The reply to <paramref name="word"/>, with the process facts given (for tests and for callers that cache them).</summary>
    public static string Respond(string word, ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc, ProcessFacts process)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(process);
        if (!FourLetterWords.All.Contains(word))
        {
            throw new ArgumentException($"'{word}' is not a four-letter word", nameof(word));
        }

        // The words ZooKeeper answers without asking its ZooKeeperServer.
        switch (word)
        {
            case "ruok":
                return "imok";
            case "gtmk":
            case "stmk":
                return JavaText.Dec(snapshot.TraceMask);
            case "envi":
                return EnvironmentText(process);
            case "isro":
                return !snapshot.IsServing ? "null" : RoleOf(snapshot) == Role.ReadOnly ? "ro" : "rw";
            case "hash":
                return snapshot.IsServing ? Digests(snapshot) : NotServing;
            default:
                break;
        }

        if (!snapshot.IsServing)
        {
            return NotServing + "\n";
        }

        return word switch
        {
            "srvr" => Stat(snapshot, brief: true),
            "stat" => Stat(snapshot, brief: false),
            "mntr" => Monitor(snapshot, config, nowUtc, process),
            "conf" => Conf(snapshot, config),
            "cons" => Cons(snapshot),
            "dump" => Dump(snapshot),
            "wchs" => WatchSummary(snapshot),
            "wchc" => WatchesBySession(snapshot),
            "wchp" => WatchesByPath(snapshot),
            "dirs" => Dirs(snapshot),
            "srst" => "Server stats reset.\n",
            "crst" => "Connection stats reset.\n",
            _ => throw new ArgumentException($"'{word}' has no reply", nameof(word)),
        };
    }

    /// <summary>
    /// The reply to stmk: ZooKeeper echoes the mask it read from the 8 bytes after the word. Equivalent to
    /// <see cref="Respond(string, ServerSnapshot, ServerConfig, DateTime)"/> with a snapshot holding the new mask.
    /// </summary>
    public static string RespondSetTraceMask(long newMask) => JavaText.Dec(newMask);

    /// <summary>What ZooKeeper replies to a known word that is not in 4lw.commands.whitelist.</summary>
    public static string NotInWhitelist(string word) => word + " is not executed because it is not in the whitelist.\n";

    /// <summary>
    /// What running <paramref name="word"/> changes. ZooKeeper resets nothing while it does not serve (srst and crst
    /// then only print <see cref="NotServing"/>), but stores a stmk mask regardless.
    /// </summary>
    public static FourLetterWordEffects EffectsOf(string word, bool isServing) => word switch
    {
        "srst" when isServing => FourLetterWordEffects.ResetServerStats,
        "crst" when isServing => FourLetterWordEffects.ResetConnectionStats,
        "stmk" => FourLetterWordEffects.SetTraceMask,
        _ => FourLetterWordEffects.None,
    };

    private static Role RoleOf(ServerSnapshot snapshot) => snapshot.IsReadOnly
        ? Role.ReadOnly
        : snapshot.Mode switch
        {
            "leader" => Role.Leader,
            "follower" => Role.Follower,
            "observer" => Role.Observer,
            "read-only" => Role.ReadOnly,
            _ => Role.Standalone,
        };

    private static string ModeText(ServerSnapshot snapshot) => RoleOf(snapshot) == Role.ReadOnly ? "read-only" : snapshot.Mode;

    private static bool IsQuorumRole(Role role) => role is Role.Leader or Role.Follower or Role.Observer;

    // srvr and stat: StatCommand, with ServerStats.toString in the middle.
    private static string Stat(ServerSnapshot snapshot, bool brief)
    {
        var text = new StringBuilder();
        text.Append("Zookeeper version: ").Append(ServerVersion.Full).Append('\n');
        if (RoleOf(snapshot) == Role.ReadOnly)
        {
            text.Append(ReadOnlyBanner).Append('\n');
        }

        if (!brief)
        {
            text.Append("Clients:\n");
            foreach (var connection in snapshot.Connections)
            {
                AppendConnection(text, connection, brief: true).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("Latency min/avg/max: ").Append(JavaText.Dec(snapshot.MinLatencyMs)).Append('/')
            .Append(JavaText.Double(JavaText.RoundHalfUp4(snapshot.AvgLatencyMs))).Append('/')
            .Append(JavaText.Dec(snapshot.MaxLatencyMs)).Append('\n');
        text.Append("Received: ").Append(JavaText.Dec(snapshot.PacketsReceived)).Append('\n');
        text.Append("Sent: ").Append(JavaText.Dec(snapshot.PacketsSent)).Append('\n');
        text.Append("Connections: ").Append(JavaText.Dec(snapshot.Connections.Count)).Append('\n');
        text.Append("Outstanding: ").Append(JavaText.Dec(snapshot.OutstandingRequests)).Append('\n');
        text.Append("Zxid: 0x").Append(JavaText.Hex(snapshot.LastZxid)).Append('\n');
        text.Append("Mode: ").Append(ModeText(snapshot)).Append('\n');
        text.Append("Node count: ").Append(JavaText.Dec(snapshot.NodeCount)).Append('\n');
        if (RoleOf(snapshot) == Role.Leader)
        {
            text.Append("Proposal sizes last/min/max: ").Append(JavaText.Dec(snapshot.LastProposalSize)).Append('/')
                .Append(JavaText.Dec(snapshot.MinProposalSize)).Append('/').Append(JavaText.Dec(snapshot.MaxProposalSize))
                .Append('\n');
        }

        return text.ToString();
    }

    // ServerCnxn.dumpConnectionInfo: the brief form for stat, the full one (once a session exists) for cons.
    private static StringBuilder AppendConnection(StringBuilder text, ConnectionInfo connection, bool brief)
    {
        text.Append(' ').Append(JavaText.SocketAddress(connection.RemoteAddress, connection.RemotePort))
            .Append('[').Append(connection.InterestOps == 0 ? "0" : JavaText.Hex((uint)connection.InterestOps))
            .Append("](queued=").Append(JavaText.Dec(connection.Queued))
            .Append(",recved=").Append(JavaText.Dec(connection.PacketsReceived))
            .Append(",sent=").Append(JavaText.Dec(connection.PacketsSent));
        if (!brief && connection.SessionId != 0)
        {
            text.Append(",sid=0x").Append(JavaText.Hex(connection.SessionId))
                .Append(",lop=").Append(connection.LastOperation)
                .Append(",est=").Append(JavaText.Dec(EpochMilliseconds(connection.EstablishedUtc)))
                .Append(",to=").Append(JavaText.Dec(connection.SessionTimeout));
            if (connection.LastCxid >= 0)
            {
                text.Append(",lcxid=0x").Append(JavaText.Hex(connection.LastCxid));
            }

            // ZooKeeper keeps a connection's average as whole milliseconds (total / count), hence the truncation.
            text.Append(",lzxid=0x").Append(JavaText.Hex(connection.LastZxid))
                .Append(",lresp=").Append(JavaText.Dec(connection.LastResponseTime))
                .Append(",llat=").Append(JavaText.Dec(connection.LastLatencyMs))
                .Append(",minlat=").Append(JavaText.Dec(connection.MinLatencyMs))
                .Append(",avglat=").Append(JavaText.Dec((long)Math.Truncate(connection.AvgLatencyMs)))
                .Append(",maxlat=").Append(JavaText.Dec(connection.MaxLatencyMs));
        }

        return text.Append(')');
    }

    private static string Cons(ServerSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var connection in snapshot.Connections)
        {
            AppendConnection(text, connection, brief: false).Append('\n');
        }

        return text.Append('\n').ToString();
    }

    // ZooKeeperServer.dumpConf, extended by QuorumZooKeeperServer (and, without membership, ReadOnlyZooKeeperServer).
    private static string Conf(ServerSnapshot snapshot, ServerConfig config)
    {
        var role = RoleOf(snapshot);
        var self = config.Peers.FirstOrDefault(p => p.Id == snapshot.ServerId);
        var snapshotDir = snapshot.SnapshotDirectory ?? Path.GetFullPath(config.DataDir);
        var logDir = snapshot.TxnLogDirectory ?? Path.GetFullPath(config.DataLogDir ?? config.DataDir);
        var text = new StringBuilder();
        Line(text, "clientPort", JavaText.Dec(self?.ClientPort ?? config.ClientPort));

        // ActorZk has no TLS client port; -1 is what ZooKeeper prints when none is configured.
        Line(text, "secureClientPort", "-1");
        Line(text, "dataDir", snapshotDir);

        // ZooKeeper's getDataDirSize() measures the transaction log directory and getLogDirSize() the snapshot
        // directory; the labels are swapped in ZooKeeper itself, and tools comparing with it expect the same numbers.
        Line(text, "dataDirSize", JavaText.Dec(snapshot.TxnLogDirSizeBytes));
        Line(text, "dataLogDir", logDir);
        Line(text, "dataLogSize", JavaText.Dec(snapshot.SnapshotDirSizeBytes));
        Line(text, "tickTime", JavaText.Dec(config.TickTime));
        Line(text, "maxClientCnxns", JavaText.Dec(config.MaxClientCnxns));
        Line(text, "minSessionTimeout", JavaText.Dec(config.MinSessionTimeout));
        Line(text, "maxSessionTimeout", JavaText.Dec(config.MaxSessionTimeout));

        // ActorZk takes the platform's default listen backlog, which ZooKeeper spells -1.
        Line(text, "clientPortListenBacklog", "-1");
        Line(text, "serverId", JavaText.Dec(snapshot.ServerId));
        if (!IsQuorumRole(role) && role != Role.ReadOnly)
        {
            return text.ToString();
        }

        Line(text, "initLimit", JavaText.Dec(config.InitLimit));
        Line(text, "syncLimit", JavaText.Dec(config.SyncLimit));

        // 3 is FastLeaderElection, the only algorithm ZooKeeper 3.8 has; ActorZk elects differently but speaks for
        // the same setting.
        Line(text, "electionAlg", "3");
        Line(text, "electionPort", self is null ? "-1" : JavaText.Dec(self.ElectionPort));
        Line(text, "quorumPort", self is null ? "-1" : JavaText.Dec(self.QuorumPort));
        Line(text, "peerType", (self?.IsObserver ?? config.IsObserverPeerType) ? "1" : "0");
        if (role == Role.ReadOnly)
        {
            return text.ToString();
        }

        return text.Append("membership: \n").Append(QuorumMembership.Text(config.Peers, snapshot.QuorumConfigVersion)).ToString();
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append('=').Append(value).Append('\n');

    private static string Dump(ServerSnapshot snapshot)
    {
        var text = new StringBuilder("SessionTracker dump:\n");
        if (RoleOf(snapshot) is Role.Standalone or Role.Leader)
        {
            // SessionTrackerImpl: the expiry queue, oldest deadline first.
            var buckets = snapshot.SessionExpiryBuckets.OrderBy(b => b.ExpiresAtUtc).ToList();
            text.Append("Session Sets (").Append(JavaText.Dec(buckets.Count)).Append(")/(")
                .Append(JavaText.Dec(buckets.Sum(b => (long)b.SessionIds.Count))).Append("):\n");
            foreach (var bucket in buckets)
            {
                text.Append(JavaText.Dec(bucket.SessionIds.Count)).Append(" expire at ")
                    .Append(JavaText.Date(bucket.ExpiresAtUtc)).Append(":\n");
                foreach (var sessionId in bucket.SessionIds)
                {
                    text.Append("\t0x").Append(JavaText.Hex(sessionId)).Append('\n');
                }
            }
        }
        else
        {
            // LearnerSessionTracker: the global sessions in id order, with their timeouts.
            text.Append("Global Sessions(").Append(JavaText.Dec(snapshot.Sessions.Count)).Append("):\n");
            foreach (var (sessionId, timeout) in snapshot.Sessions.OrderBy(s => s.Key))
            {
                text.Append("0x").Append(JavaText.Hex(sessionId)).Append('\t').Append(JavaText.Dec(timeout)).Append("ms\n");
            }
        }

        text.Append("ephemeral nodes dump:\n");
        text.Append("Sessions with Ephemerals (").Append(JavaText.Dec(snapshot.EphemeralsBySession.Count)).Append("):\n");
        foreach (var (sessionId, paths) in snapshot.EphemeralsBySession)
        {
            text.Append("0x").Append(JavaText.Hex(sessionId)).Append(":\n");
            foreach (var path in paths)
            {
                text.Append('\t').Append(path).Append('\n');
            }
        }

        // NIOServerCnxnFactory's connection expiry queue.
        text.Append("Connections dump:\n");
        var connectionBuckets = snapshot.Connections
            .Where(c => c.ExpiresAtUtc is not null)
            .GroupBy(c => c.ExpiresAtUtc!.Value)
            .OrderBy(g => g.Key)
            .ToList();
        text.Append("Connections Sets (").Append(JavaText.Dec(connectionBuckets.Count)).Append(")/(")
            .Append(JavaText.Dec(connectionBuckets.Sum(g => (long)g.Count()))).Append("):\n");
        foreach (var bucket in connectionBuckets)
        {
            text.Append(JavaText.Dec(bucket.Count())).Append(" expire at ").Append(JavaText.Date(bucket.Key)).Append(":\n");
            foreach (var connection in bucket)
            {
                text.Append("\tip: ").Append(JavaText.SocketAddress(connection.RemoteAddress, connection.RemotePort))
                    .Append(" sessionId: 0x").Append(JavaText.Hex(connection.SessionId)).Append('\n');
            }
        }

        return text.ToString();
    }

    // WatchManager.toString plus WatchCommand's closing newline.
    private static string WatchSummary(ServerSnapshot snapshot)
    {
        var total = snapshot.WatchesBySession.Sum(s => (long)s.Value.Count);
        return JavaText.Dec(snapshot.WatchesBySession.Count) + " connections watching "
            + JavaText.Dec(snapshot.WatchesByPath.Count) + " paths\nTotal watches:" + JavaText.Dec(total) + "\n";
    }

    private static string WatchesBySession(ServerSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var (sessionId, paths) in snapshot.WatchesBySession)
        {
            text.Append("0x").Append(JavaText.Hex(sessionId)).Append('\n');
            foreach (var path in paths)
            {
                text.Append('\t').Append(path).Append('\n');
            }
        }

        return text.Append('\n').ToString();
    }

    private static string WatchesByPath(ServerSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var (path, sessionIds) in snapshot.WatchesByPath)
        {
            text.Append(path).Append('\n');
            foreach (var sessionId in sessionIds)
            {
                text.Append("\t0x").Append(JavaText.Hex(sessionId)).Append('\n');
            }
        }

        return text.Append('\n').ToString();
    }

    // Same swap as in conf: ZooKeeper's "datadir" size is the transaction log directory's.
    private static string Dirs(ServerSnapshot snapshot)
        => "datadir_size: " + JavaText.Dec(snapshot.TxnLogDirSizeBytes) + "\nlogdir_size: "
           + JavaText.Dec(snapshot.SnapshotDirSizeBytes) + "\n";

    private static string Digests(ServerSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var (zxid, digest) in snapshot.DigestLog)
        {
            text.Append(JavaText.Hex(zxid)).Append(": ").Append(JavaText.Dec(digest)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// envi. ZooKeeper lists Java system properties; ActorZk keeps the keys that mean the same on .NET
    /// (zookeeper.version, host.name, os.*, user.*, os.memory.*) at ZooKeeper's positions, and in place of
    /// ZooKeeper's java.version, java.vendor, java.home, java.class.path, java.library.path, java.io.tmpdir and
    /// java.compiler prints dotnet.version, dotnet.framework, dotnet.home, dotnet.app.base, dotnet.rid,
    /// dotnet.io.tmpdir and dotnet.gc. os.memory.* describe the GC heap, as Java's describe the JVM heap.
    /// </summary>
    private static string EnvironmentText(ProcessFacts process)
    {
        var text = new StringBuilder("Environment:\n");
        Line(text, "zookeeper.version", ServerVersion.Full);
        Line(text, "host.name", process.HostName);
        Line(text, "dotnet.version", process.DotnetVersion);
        Line(text, "dotnet.framework", process.DotnetFramework);
        Line(text, "dotnet.home", process.DotnetHome);
        Line(text, "dotnet.app.base", process.DotnetAppBase);
        Line(text, "dotnet.rid", process.DotnetRuntimeIdentifier);
        Line(text, "dotnet.io.tmpdir", process.DotnetTempDir);
        Line(text, "dotnet.gc", process.DotnetGc);
        Line(text, "os.name", process.OsName);
        Line(text, "os.arch", process.OsArch);
        Line(text, "os.version", process.OsVersion);
        Line(text, "user.name", process.UserName);
        Line(text, "user.home", process.UserHome);
        Line(text, "user.dir", process.UserDir);
        Line(text, "os.memory.free", JavaText.Dec(process.MemoryFreeMb) + "MB");
        Line(text, "os.memory.max", JavaText.Dec(process.MemoryMaxMb) + "MB");
        Line(text, "os.memory.total", JavaText.Dec(process.MemoryTotalMb) + "MB");
        return text.ToString();
    }

    // MonitorCommand: the server's own values first (dumpMonitorValues), then the metrics provider's dump.
    private static string Monitor(ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc, ProcessFacts process)
    {
        var role = RoleOf(snapshot);
        var text = new StringBuilder();
        Metric(text, "version", ServerVersion.Full);
        Metric(text, "server_state", ModeText(snapshot));
        if (IsQuorumRole(role))
        {
            Metric(text, "peer_state", snapshot.PeerState ?? role switch
            {
                Role.Leader => "leading - broadcast",
                Role.Follower => "following - broadcast",
                _ => "observing - broadcast",
            });
        }

        if (role == Role.Observer)
        {
            Metric(text, "observer_master_id", JavaText.Dec(snapshot.LeaderId));
        }

        foreach (var gauge in MonitorLayout.Gauges)
        {
            if ((MonitorLayout.LeaderOnlyGauges.Contains(gauge) && role != Role.Leader)
                || (MonitorLayout.QuorumOnlyGauges.Contains(gauge) && !IsQuorumRole(role)))
            {
                continue;
            }

            // ZooKeeper skips a gauge whose value is null (file descriptors where the OS has no such notion).
            if (Gauge(gauge, snapshot, config, nowUtc, process) is { } value)
            {
                Metric(text, gauge, value);
            }
        }

        foreach (var counter in MonitorLayout.Counters)
        {
            Metric(text, counter, JavaText.Dec(Counter(snapshot, counter)));
        }

        foreach (var summary in MonitorLayout.BasicSummaries)
        {
            Summary(text, snapshot, summary, MonitorLayout.BasicParts);
        }

        foreach (var summary in MonitorLayout.PercentileSummaries)
        {
            Summary(text, snapshot, summary, MonitorLayout.PercentileParts);
        }

        return text.ToString();
    }

    private static void Metric(StringBuilder text, string key, string value)
        => text.Append("zk_").Append(key).Append('\t').Append(value).Append('\n');

    private static long Counter(ServerSnapshot snapshot, string key)
        => snapshot.Metrics.TryGetValue(key, out var value) ? value : 0;

    // AvgMinMaxCounter(.values) and AvgMinMaxPercentileCounter: the average is derived from sum and count.
    private static void Summary(StringBuilder text, ServerSnapshot snapshot, string name, string[] parts)
    {
        foreach (var part in parts)
        {
            var key = part + "_" + name;
            if (part == "avg")
            {
                var count = Counter(snapshot, "cnt_" + name);
                var average = count > 0 ? JavaText.RoundHalfUp4(Counter(snapshot, "sum_" + name) / (double)count) : 0d;
                Metric(text, key, JavaText.Double(average));
            }
            else
            {
                Metric(text, key, JavaText.Dec(Counter(snapshot, key)));
            }
        }
    }

    private static string? Gauge(string gauge, ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc, ProcessFacts process) => gauge switch
    {
        "ephemerals_count" => JavaText.Dec(snapshot.EphemeralsCount),
        "num_alive_connections" => JavaText.Dec(snapshot.Connections.Count),
        "avg_latency" => JavaText.Double(JavaText.RoundHalfUp4(snapshot.AvgLatencyMs)),
        "min_latency" => JavaText.Dec(snapshot.MinLatencyMs),
        "max_latency" => JavaText.Dec(snapshot.MaxLatencyMs),
        "outstanding_requests" => JavaText.Dec(snapshot.OutstandingRequests),
        "znode_count" => JavaText.Dec(snapshot.NodeCount),
        "global_sessions" => JavaText.Dec(snapshot.Sessions.Count),
        "packets_sent" => JavaText.Dec(snapshot.PacketsSent),
        "packets_received" => JavaText.Dec(snapshot.PacketsReceived),
        "last_client_response_size" => JavaText.Dec(snapshot.LastClientResponseSize),
        "min_client_response_size" => JavaText.Dec(snapshot.MinClientResponseSize),
        "max_client_response_size" => JavaText.Dec(snapshot.MaxClientResponseSize),
        "last_proposal_size" => JavaText.Dec(snapshot.LastProposalSize),
        "min_proposal_size" => JavaText.Dec(snapshot.MinProposalSize),
        "max_proposal_size" => JavaText.Dec(snapshot.MaxProposalSize),
        "learners" => JavaText.Dec(snapshot.Followers),
        "followers" => JavaText.Dec(snapshot.VotingFollowers),
        "synced_followers" => JavaText.Dec(snapshot.SyncedFollowers),
        "synced_non_voting_followers" => JavaText.Dec(snapshot.SyncedNonVotingFollowers),
        "synced_observers" => JavaText.Dec(snapshot.SyncedObservers),
        "pending_syncs" => JavaText.Dec(snapshot.PendingSyncs),
        "watch_count" => JavaText.Dec(snapshot.WatchCount),
        "approximate_data_size" => JavaText.Dec(snapshot.ApproximateDataSize),
        "uptime" => JavaText.Dec(MillisecondsSince(snapshot.StartedUtc, nowUtc)),
        "leader_uptime" => JavaText.Dec(MillisecondsSince(snapshot.LeadingSinceUtc, nowUtc)),
        "quorum_size" => JavaText.Dec(config.Peers.Count(p => !p.IsObserver)),
        "open_file_descriptor_count" => process.OpenFileDescriptorCount is { } open ? JavaText.Dec(open) : null,
        "max_file_descriptor_count" => process.MaxFileDescriptorCount is { } max ? JavaText.Dec(max) : null,

        // ActorZk does not throttle connections (ZooKeeper's BlueThrottle), so nothing is ever dropped.
        "connection_drop_probability" => "0.0",

        // No local sessions, TLS or mTLS in ActorZk: these read 0 unless the host counts them in Metrics.
        _ => JavaText.Dec(Counter(snapshot, gauge)),
    };

    private static long MillisecondsSince(DateTime sinceUtc, DateTime nowUtc)
        => sinceUtc == default ? 0 : Math.Max(0, (long)(AsUtc(nowUtc) - AsUtc(sinceUtc)).TotalMilliseconds);

    private static long EpochMilliseconds(DateTime utc) => new DateTimeOffset(AsUtc(utc)).ToUnixTimeMilliseconds();

    // A DateTime of unspecified kind is taken to be UTC: every time in a snapshot is UTC by contract.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
