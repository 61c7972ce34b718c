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
                return !snapshot.IsServing ? "null" : ServerRoles.Of(snapshot) == ServerRole.ReadOnly ? "ro" : "rw";
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

    // srvr and stat: StatCommand, with ServerStats.toString in the middle.
    private static string Stat(ServerSnapshot snapshot, bool brief)
    {
        var text = new StringBuilder();
        text.Append("Zookeeper version: ").Append(ServerVersion.Full).Append('\n');
        if (ServerRoles.Of(snapshot) == ServerRole.ReadOnly)
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
        text.Append("Mode: ").Append(ServerRoles.ModeText(snapshot)).Append('\n');
        text.Append("Node count: ").Append(JavaText.Dec(snapshot.NodeCount)).Append('\n');
        if (ServerRoles.Of(snapshot) == ServerRole.Leader)
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
                .Append(",est=").Append(JavaText.Dec(AdminTime.EpochMilliseconds(connection.EstablishedUtc)))
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
        var role = ServerRoles.Of(snapshot);
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
        if (!ServerRoles.IsQuorum(role) && role != ServerRole.ReadOnly)
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
        if (role == ServerRole.ReadOnly)
        {
            return text.ToString();
        }

        return text.Append("membership: \n").Append(QuorumMembership.Text(config.Peers, snapshot.QuorumConfigVersion)).ToString();
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append('=').Append(value).Append('\n');

    private static string Dump(ServerSnapshot snapshot)
    {
        var text = new StringBuilder("SessionTracker dump:\n");
        if (ServerRoles.Of(snapshot) is ServerRole.Standalone or ServerRole.Leader)
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

    // envi: ProcessFacts.EnvironmentEntries as "key=value" lines.
    private static string EnvironmentText(ProcessFacts process)
    {
        var text = new StringBuilder("Environment:\n");
        foreach (var (key, value) in process.EnvironmentEntries())
        {
            Line(text, key, value);
        }

        return text.ToString();
    }

    // MonitorCommand: the values in MonitorValues' order, one "zk_<key>\t<value>" line each.
    private static string Monitor(ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc, ProcessFacts process)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in MonitorValues.Collect(snapshot, config, nowUtc, process))
        {
            var shown = value switch
            {
                long l => JavaText.Dec(l),
                int i => JavaText.Dec(i),
                double d => JavaText.Double(d),
                _ => value.ToString() ?? string.Empty,
            };
            text.Append("zk_").Append(key).Append('\t').Append(shown).Append('\n');
        }

        return text.ToString();
    }
}
