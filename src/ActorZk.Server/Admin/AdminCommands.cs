using System.Globalization;
using ActorZk.Server.Configuration;

namespace ActorZk.Server.Admin;

/// <summary>
/// The commands of ZooKeeper 3.8's AdminServer (its Commands class), answered from a <see cref="ServerSnapshot"/>
/// with the key names, nesting and JSON types ZooKeeper uses. Pure, like <see cref="FourLetterWordResponder"/>:
/// the side effects of srst, crst and stmk are applied by the peer actor when it takes the snapshot.
/// </summary>
/// <remarks>
/// Answers ActorZk cannot give: system_properties (no JVM) answers with an error; last_snapshot gives ZooKeeper's
/// "no snapshot known" values; hash lists the digests ActorZk keeps (none); observers on a leader gives the number
/// of synced observers with an error instead of the per-observer list.
/// </remarks>
public static class AdminCommands
{
    private const string ServerNotInitialized = "server is not initialized";

    private static readonly AdminCommand[] Registered =
    [
        new(["connection_stat_reset", "crst"]) { EffectWord = "crst" },
        new(["configuration", "conf", "config"]),
        new(["connections", "cons"]),
        new(["hash"]),
        new(["dirs"]) { NeedsDirectorySizes = true },
        new(["dump"]),
        new(["environment", "env", "envi"], ServerRequired: false),
        new(["get_trace_mask", "gtmk"], ServerRequired: false),
        new(["initial_configuration", "icfg"]),
        new(["is_read_only", "isro"]),
        new(["last_snapshot", "lsnp"]),
        new(["leader", "lead"]),
        // ZooKeeper registers monitor as not needing a server, but has nothing to read without one: ActorZk answers
        // "not currently serving", as the mntr four-letter word does.
        new(["monitor", "mntr"]),
        new(["observer_connection_stat_reset", "orst"]),
        new(["ruok"]),
        new(["set_trace_mask", "stmk"], ServerRequired: false) { EffectWord = "stmk" },
        new(["server_stats", "srvr"]) { NeedsDirectorySizes = true },
        new(["stats", "stat"]) { NeedsDirectorySizes = true },
        new(["stat_reset", "srst"]) { EffectWord = "srst" },
        new(["observers", "obsr"]),
        new(["system_properties", "sysp"], ServerRequired: false),
        new(["voting_view"]),
        new(["watches", "wchc"]),
        new(["watches_by_path", "wchp"]),
        new(["watch_summary", "wchs"]),
        new(["zabstate"], ServerRequired: false),
    ];

    private static readonly Dictionary<string, AdminCommand> ByName = Registered
        .SelectMany(c => c.Names.Select(n => KeyValuePair.Create(n, c)))
        .ToDictionary(StringComparer.Ordinal);

    /// <summary>Every command's primary name, sorted as ZooKeeper's command list shows them.</summary>
    public static IReadOnlyList<string> PrimaryNames { get; } = [.. Registered.Select(c => c.PrimaryName).Order(StringComparer.Ordinal)];

    /// <summary>The command registered under <paramref name="name"/> (names are case-sensitive), or null.</summary>
    public static AdminCommand? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>ZooKeeper's answer to a name no command has.</summary>
    public static AdminCommandResponse Unknown(string name) => new(name, "Unknown command: " + name);

    /// <summary>
    /// Checks a command's arguments before anything runs; returns the error response, or null when they are fine.
    /// Only set_trace_mask takes one: traceMask, a decimal long.
    /// </summary>
    public static AdminCommandResponse? CheckArguments(AdminCommand command, IReadOnlyDictionary<string, string> arguments, out long? traceMask)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        traceMask = null;
        if (command.EffectWord != "stmk")
        {
            return null;
        }

        var response = new AdminCommandResponse(command.PrimaryName);
        if (!arguments.TryGetValue("traceMask", out var text))
        {
            response.Data.Put("error", "setTraceMask requires long traceMask argument");
            return response;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mask))
        {
            response.Data.Put("error", "setTraceMask requires long traceMask argument, got " + text);
            return response;
        }

        traceMask = mask;
        return null;
    }

    /// <summary>
    /// Runs <paramref name="command"/> on a snapshot taken after its effects were applied.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="askedName">The name it was asked by (ZooKeeper reports it when the command cannot run).</param>
    /// <param name="snapshot">The server's state.</param>
    /// <param name="config">The configuration the server runs with.</param>
    /// <param name="nowUtc">The clock for uptimes.</param>
    /// <param name="process">This process's facts (environment, monitor).</param>
    public static AdminCommandResponse Run(
        AdminCommand command, string askedName, ServerSnapshot snapshot, ServerConfig config, DateTime nowUtc, ProcessFacts process)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(process);
        if (command.ServerRequired && !snapshot.IsServing)
        {
            return new AdminCommandResponse(askedName, FourLetterWordResponder.NotServing);
        }

        var response = new AdminCommandResponse(command.PrimaryName);
        var data = response.Data;
        var role = ServerRoles.Of(snapshot);
        switch (command.PrimaryName)
        {
            case "configuration":
                Configuration(data, snapshot, config);
                break;
            case "connections":
                data.Put("connections", snapshot.Connections.Select(c => Connection(c, brief: false)).ToList());
                data.Put("secure_connections", Array.Empty<object>());
                break;
            case "hash":
                data.Put("digests", snapshot.DigestLog.Select(d => new JsonFields { new("zxid", d.Key), new("digest", d.Value) }).ToList());
                break;
            case "dirs":
                // Same swap as the dirs four-letter word: ZooKeeper's "datadir" size is the transaction log directory's.
                data.Put("datadir_size", snapshot.TxnLogDirSizeBytes);
                data.Put("logdir_size", snapshot.SnapshotDirSizeBytes);
                break;
            case "dump":
                Dump(data, snapshot, role);
                break;
            case "environment":
                foreach (var (key, value) in process.EnvironmentEntries())
                {
                    data.Put(key, value);
                }

                break;
            case "get_trace_mask":
            case "set_trace_mask":
                data.Put("tracemask", snapshot.TraceMask);
                break;
            case "initial_configuration":
                data.Put("initial_configuration", config.InitialConfigText);
                break;
            case "is_read_only":
                data.Put("read_only", role == ServerRole.ReadOnly);
                break;
            case "last_snapshot":
                // ActorZk's snapshots live in its store, not in files: ZooKeeper's answer when it knows of no snapshot.
                data.Put("zxid", JavaText.Hex(-1L));
                data.Put("timestamp", -1L);
                break;
            case "leader":
                Leader(data, snapshot, config, role);
                break;
            case "monitor":
                foreach (var (key, value) in MonitorValues.Collect(snapshot, config, nowUtc, process))
                {
                    data.Put(key, value);
                }

                break;
            case "observers":
                Observers(data, snapshot, role);
                break;
            case "server_stats":
                ServerStats(data, snapshot, role, nowUtc);
                break;
            case "stats":
                ServerStats(data, snapshot, role, nowUtc);
                data.Put("connections", snapshot.Connections.Select(c => Connection(c, brief: true)).ToList());
                data.Put("secure_connections", Array.Empty<object>());
                break;
            case "system_properties":
                data.Put("error", "ActorZk runs on .NET: there are no Java system properties (see environment)");
                break;
            case "voting_view":
                data.Put("current_config", ServerRoles.IsQuorum(role) ? VotingView(config) : new JsonFields());
                break;
            case "watches":
                data.Put("session_id_to_watched_paths", ToFields(snapshot.WatchesBySession, id => JavaText.Dec(id), paths => paths));
                break;
            case "watches_by_path":
                data.Put("path_to_session_ids", ToFields(snapshot.WatchesByPath, path => path, ids => ids));
                break;
            case "watch_summary":
                data.Put("num_connections", (long)snapshot.WatchesBySession.Count);
                data.Put("num_paths", (long)snapshot.WatchesByPath.Count);
                data.Put("num_total_watches", snapshot.WatchesBySession.Sum(s => (long)s.Value.Count));
                break;
            case "zabstate":
                ZabState(data, snapshot, config, role);
                break;
            default:
                // ruok, stat_reset, connection_stat_reset, observer_connection_stat_reset: nothing but command and error.
                break;
        }

        return response;
    }

    // ZooKeeperServerConf.toMap.
    private static void Configuration(JsonFields data, ServerSnapshot snapshot, ServerConfig config)
    {
        data.Put("client_port", (long)config.ClientPort);
        data.Put("data_dir", snapshot.SnapshotDirectory ?? Path.GetFullPath(config.DataDir));
        data.Put("data_log_dir", snapshot.TxnLogDirectory ?? Path.GetFullPath(config.DataLogDir ?? config.DataDir));
        data.Put("tick_time", (long)config.TickTime);
        data.Put("max_client_cnxns", (long)config.MaxClientCnxns);
        data.Put("min_session_timeout", (long)config.MinSessionTimeout);
        data.Put("max_session_timeout", (long)config.MaxSessionTimeout);
        data.Put("server_id", snapshot.ServerId);

        // ActorZk takes the platform's default listen backlog, which ZooKeeper spells -1.
        data.Put("client_port_listen_backlog", -1L);
    }

    // ServerCnxn.getConnectionInfo.
    private static JsonFields Connection(ConnectionInfo c, bool brief)
    {
        var fields = new JsonFields
        {
            new("remote_socket_address", JavaText.SocketAddress(c.RemoteAddress, c.RemotePort)[1..]),
            new("interest_ops", (long)c.InterestOps),
            new("outstanding_requests", (long)c.Queued),
            new("packets_received", c.PacketsReceived),
            new("packets_sent", c.PacketsSent),
        };
        if (brief)
        {
            return fields;
        }

        fields.Put("session_id", c.SessionId);
        fields.Put("last_operation", c.LastOperation);
        fields.Put("established", AdminTime.EpochMilliseconds(c.EstablishedUtc));
        fields.Put("session_timeout", (long)c.SessionTimeout);
        fields.Put("last_cxid", c.LastCxid);
        fields.Put("last_zxid", c.LastZxid);
        fields.Put("last_response_time", c.LastResponseTime);
        fields.Put("last_latency", c.LastLatencyMs);
        fields.Put("min_latency", c.MinLatencyMs);

        // A connection's average is whole milliseconds in ZooKeeper (total / count), as cons prints it.
        fields.Put("avg_latency", (long)Math.Truncate(c.AvgLatencyMs));
        fields.Put("max_latency", c.MaxLatencyMs);
        return fields;
    }

    private static void Dump(JsonFields data, ServerSnapshot snapshot, ServerRole role)
    {
        var expiry = new JsonFields();
        if (role is ServerRole.Standalone or ServerRole.Leader)
        {
            // SessionTrackerImpl's expiry queue; a learner's tracker has none and ZooKeeper answers an empty map.
            foreach (var bucket in snapshot.SessionExpiryBuckets.OrderBy(b => b.ExpiresAtMonotonicMs))
            {
                expiry.Put(JavaText.Dec(bucket.ExpiresAtMonotonicMs), bucket.SessionIds);
            }
        }

        data.Put("expiry_time_to_session_ids", expiry);
        data.Put("session_id_to_ephemeral_paths", ToFields(snapshot.EphemeralsBySession, id => JavaText.Dec(id), paths => paths));
    }

    private static void Leader(JsonFields data, ServerSnapshot snapshot, ServerConfig config, ServerRole role)
    {
        if (!ServerRoles.IsQuorum(role))
        {
            data.Put("error", ServerNotInitialized);
            return;
        }

        data.Put("is_leader", role == ServerRole.Leader);
        data.Put("leader_id", snapshot.LeaderId);

        // QuorumPeer keeps the leader's quorum host names ("|"-joined when it has several); "" when none is known.
        data.Put("leader_ip", config.Peers.FirstOrDefault(p => p.Id == snapshot.LeaderId)?.Host ?? string.Empty);
    }

    private static void Observers(JsonFields data, ServerSnapshot snapshot, ServerRole role)
    {
        if (role == ServerRole.Leader)
        {
            data.Put("synced_observers", (long)snapshot.SyncedObservers);
            data.Put("error", "ActorZk does not list its observers' connections");
            return;
        }

        // ZooKeeper's answer everywhere but on a leader (and on followers that serve observers, which ActorZk's don't).
        data.Put("synced_observers", 0L);
        data.Put("observers", Array.Empty<object>());
    }

    // SrvrCommand: ServerStats serialised by Jackson, then the buffer statistics and the node count.
    private static void ServerStats(JsonFields data, ServerSnapshot snapshot, ServerRole role, DateTime nowUtc)
    {
        var clientResponse = BufferStats(snapshot.LastClientResponseSize, snapshot.MinClientResponseSize, snapshot.MaxClientResponseSize);
        data.Put("version", ServerVersion.Full);
        data.Put("read_only", role == ServerRole.ReadOnly);
        data.Put("server_stats", new JsonFields
        {
            new("packets_sent", snapshot.PacketsSent),
            new("packets_received", snapshot.PacketsReceived),
            new("fsync_threshold_exceed_count", MonitorValues.Counter(snapshot, "fsync_threshold_exceed_count")),
            new("client_response_stats", clientResponse),

            // The same swap as dirs.
            new("data_dir_size", snapshot.TxnLogDirSizeBytes),
            new("log_dir_size", snapshot.SnapshotDirSizeBytes),
            new("provider_null", false),
            new("server_state", ServerRoles.ModeText(snapshot)),
            new("last_processed_zxid", snapshot.LastZxid),
            new("outstanding_requests", (long)snapshot.OutstandingRequests),
            new("avg_latency", JavaText.RoundHalfUp4(snapshot.AvgLatencyMs)),
            new("max_latency", snapshot.MaxLatencyMs),
            new("min_latency", snapshot.MinLatencyMs),
            new("num_alive_client_connections", (long)snapshot.Connections.Count),
            new("auth_failed_count", MonitorValues.Counter(snapshot, "auth_failed_count")),
            new("non_mtlsremote_conn_count", MonitorValues.Counter(snapshot, "non_mtls_remote_conn_count")),
            new("non_mtlslocal_conn_count", MonitorValues.Counter(snapshot, "non_mtls_local_conn_count")),
            new("uptime", AdminTime.MillisecondsSince(snapshot.StartedUtc, nowUtc)),
        });
        data.Put("client_response", clientResponse);
        if (role == ServerRole.Leader)
        {
            data.Put("proposal_stats", BufferStats(snapshot.LastProposalSize, snapshot.MinProposalSize, snapshot.MaxProposalSize));
        }

        data.Put("node_count", (long)snapshot.NodeCount);
    }

    private static JsonFields BufferStats(long last, long min, long max) => new()
    {
        new("last_buffer_size", last),
        new("min_buffer_size", min),
        new("max_buffer_size", max),
    };

    // QuorumPeer.getVotingView: the voters (not observers) by server id.
    private static JsonFields VotingView(ServerConfig config)
    {
        var view = new JsonFields();
        foreach (var peer in config.Peers.Where(p => !p.IsObserver).OrderBy(p => p.Id))
        {
            view.Put(JavaText.Dec(peer.Id), new JsonFields
            {
                new("server_addresses", new[] { HostPort(peer.Host, peer.QuorumPort) }),
                new("election_addresses", new[] { HostPort(peer.Host, peer.ElectionPort) }),
                new("client_address", peer.ClientPort is { } port ? HostPort(peer.ClientAddress ?? "0.0.0.0", port) : string.Empty),
                new("learner_type", "participant"),
            });
        }

        return view;
    }

    private static void ZabState(JsonFields data, ServerSnapshot snapshot, ServerConfig config, ServerRole role)
    {
        var self = config.Peers.FirstOrDefault(p => p.Id == snapshot.ServerId);
        if (!ServerRoles.IsQuorum(role) || !snapshot.IsServing || self is null)
        {
            // ZooKeeper's answer without a quorum server (standalone, read-only, or between two roles).
            data.Put("voting", false);
            data.Put("zabstate", string.Empty);
            return;
        }

        var zxid = snapshot.LastZxid;
        data.Put("myid", snapshot.ServerId);
        data.Put("is_leader", role == ServerRole.Leader);
        data.Put("quorum_address", MultipleAddresses(self.Host, self.QuorumPort));
        data.Put("election_address", MultipleAddresses(self.Host, self.ElectionPort));
        data.Put("client_address", HostPort(config.ClientPortAddress ?? "0.0.0.0", config.ClientPort));
        data.Put("voting", !self.IsObserver);
        data.Put("last_zxid", "0x" + JavaText.Hex(zxid));
        data.Put("zab_epoch", zxid >> 32);
        data.Put("zab_counter", zxid & 0xffffffffL);

        // The Zab phase is the part of mntr's zk_peer_state after the role: "leading - broadcast" -> "broadcast".
        var peerState = snapshot.PeerState ?? "broadcast";
        var dash = peerState.IndexOf(" - ", StringComparison.Ordinal);
        data.Put("zabstate", dash >= 0 ? peerState[(dash + 3)..] : peerState);
    }

    // ZooKeeper 3.8.0 hands Jackson its MultipleAddresses object here, so zabstate shows every bean property of it.
    // ActorZk has one address per port and does not probe reachability: the address counts as reachable.
    private static JsonFields MultipleAddresses(string host, int port)
    {
        var address = HostPort(host, port);
        return new JsonFields
        {
            new("empty", false),
            new("all_addresses", new[] { address }),
            new("all_reachable_addresses", new[] { address }),
            new("one", address),
            new("reachable_address", address),
            new("wildcard_addresses", new[] { HostPort("0.0.0.0", port) }),
            new("all_ports", new[] { (long)port }),
            new("all_host_strings", new[] { host }),
            new("all_reachable_addresses_or_all", new[] { address }),
            new("reachable_or_one", address),
        };
    }

    private static string HostPort(string host, int port) => JavaText.DelimitedHost(host) + ":" + JavaText.Dec(port);

    private static JsonFields ToFields<TKey, TValue>(
        IEnumerable<KeyValuePair<TKey, TValue>> entries, Func<TKey, string> key, Func<TValue, object?> value)
    {
        var fields = new JsonFields();
        foreach (var (k, v) in entries)
        {
            fields.Put(key(k), value(v));
        }

        return fields;
    }
}
