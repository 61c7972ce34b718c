namespace ActorZk.Server.Admin;

/// <summary>
/// Everything the four-letter words report, captured by the peer actor at one moment, so that
/// formatting is pure and testable.
/// </summary>
/// <remarks>
/// Properties without a ZooKeeper counterpart in ActorZk keep ZooKeeper's "nothing measured" value as their
/// default (-1 for buffer sizes, 0 for counters), so that an unset property prints what a fresh ZooKeeper prints
/// rather than an invented number.
/// </remarks>
public sealed record ServerSnapshot
{
    /// <summary>standalone, leader, follower, observer, or read-only.</summary>
    public required string Mode { get; init; }

    /// <summary>False while the member cannot serve clients (e.g. no quorum).</summary>
    public bool IsServing { get; init; } = true;

    public bool IsReadOnly { get; init; }

    public required long LastZxid { get; init; }

    public required int NodeCount { get; init; }

    public long ApproximateDataSize { get; init; }

    public long MinLatencyMs { get; init; }

    public double AvgLatencyMs { get; init; }

    public long MaxLatencyMs { get; init; }

    public long PacketsReceived { get; init; }

    public long PacketsSent { get; init; }

    public int OutstandingRequests { get; init; }

    public int EphemeralsCount { get; init; }

    /// <summary>
    /// All watches, data and child (mntr's zk_watch_count). ZooKeeper's wchs/wchc/wchp list only data watches;
    /// those words print <see cref="WatchesBySession"/> and <see cref="WatchesByPath"/>.
    /// </summary>
    public int WatchCount { get; init; }

    /// <summary>Paths with at least one watch. Informational: wchs counts <see cref="WatchesByPath"/> so that it always agrees with wchp.</summary>
    public int WatchedPathCount { get; init; }

    /// <summary>Every open client connection, including the one asking (ZooKeeper lists it too).</summary>
    public IReadOnlyList<ConnectionInfo> Connections { get; init; } = [];

    /// <summary>Session id -> negotiated timeout, for dump.</summary>
    public IReadOnlyList<KeyValuePair<long, int>> Sessions { get; init; } = [];

    /// <summary>Session id -> its ephemeral paths, for dump.</summary>
    public IReadOnlyList<KeyValuePair<long, IReadOnlyList<string>>> EphemeralsBySession { get; init; } = [];

    /// <summary>Session id -> watched paths, for wchc (ZooKeeper lists data watches here: getData/exists).</summary>
    public IReadOnlyList<KeyValuePair<long, IReadOnlyList<string>>> WatchesBySession { get; init; } = [];

    /// <summary>Path -> watching session ids, for wchp (data watches, as <see cref="WatchesBySession"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<long>>> WatchesByPath { get; init; } = [];

    /// <summary>
    /// Learners (followers and observers) connected to this leader: mntr's zk_learners. ZooKeeper 3.8 no longer
    /// prints zk_followers; this is the number that replaced it.
    /// </summary>
    public int Followers { get; init; }

    /// <summary>The voting learners among <see cref="Followers"/> (zk_followers).</summary>
    public int VotingFollowers { get; init; }

    /// <summary>Followers in sync with this leader (zk_synced_followers).</summary>
    public int SyncedFollowers { get; init; }

    /// <summary>sync requests waiting for a quorum (zk_pending_syncs).</summary>
    public int PendingSyncs { get; init; }

    /// <summary>Observers in sync with this leader (zk_synced_observers).</summary>
    public int SyncedObservers { get; init; }

    /// <summary>Followers without a vote (ZooKeeper has these only mid-reconfig) (zk_synced_non_voting_followers).</summary>
    public int SyncedNonVotingFollowers { get; init; }

    /// <summary>This member's id (myid); 0 when standalone, as ZooKeeper prints in conf.</summary>
    public long ServerId { get; init; }

    /// <summary>The member an observer replicates from (mntr's zk_observer_master_id); -1 when unknown.</summary>
    public long LeaderId { get; init; } = -1;

    /// <summary>
    /// mntr's zk_peer_state (e.g. "leading - broadcast"). Null derives it from <see cref="Mode"/>, which is what
    /// ZooKeeper shows whenever it serves clients.
    /// </summary>
    public string? PeerState { get; init; }

    /// <summary>Version of the quorum configuration, printed as the last line of conf ("version=0" for a static zoo.cfg).</summary>
    public long QuorumConfigVersion { get; init; }

    /// <summary>When this server started serving (mntr's zk_uptime is measured from here).</summary>
    public DateTime StartedUtc { get; init; }

    /// <summary>When this member became leader (zk_leader_uptime); ignored unless <see cref="Mode"/> is leader.</summary>
    public DateTime LeadingSinceUtc { get; init; }

    /// <summary>ZooKeeper's text trace mask, printed by gtmk and, after the caller stored the new value, by stmk.</summary>
    public long TraceMask { get; init; } = FourLetterWordResponder.DefaultTraceMask;

    /// <summary>Size in bytes of the last reply sent to a client; -1 before the first one, as in ZooKeeper.</summary>
    public long LastClientResponseSize { get; init; } = -1;

    public long MinClientResponseSize { get; init; } = -1;

    public long MaxClientResponseSize { get; init; } = -1;

    /// <summary>Size in bytes of the last proposal a leader sent; -1 before the first one (srvr's "Proposal sizes").</summary>
    public long LastProposalSize { get; init; } = -1;

    public long MinProposalSize { get; init; } = -1;

    public long MaxProposalSize { get; init; } = -1;

    /// <summary>Bytes under the snapshot directory (dirs, conf).</summary>
    public long SnapshotDirSizeBytes { get; init; }

    /// <summary>Bytes under the transaction log directory (dirs, conf).</summary>
    public long TxnLogDirSizeBytes { get; init; }

    /// <summary>Absolute snapshot directory for conf; null prints the full path of the configured dataDir.</summary>
    public string? SnapshotDirectory { get; init; }

    /// <summary>Absolute transaction log directory for conf; null prints the full path of dataLogDir (or dataDir).</summary>
    public string? TxnLogDirectory { get; init; }

    /// <summary>
    /// Session expiry buckets (ZooKeeper's ExpiryQueue), printed by dump on a standalone or leading member.
    /// Learners print <see cref="Sessions"/> instead, as ZooKeeper's learner session tracker does.
    /// </summary>
    public IReadOnlyList<SessionExpiryBucket> SessionExpiryBuckets { get; init; } = [];

    /// <summary>zxid -> tree digest, for hash. ActorZk keeps no digests yet, so this is normally empty.</summary>
    public IReadOnlyList<KeyValuePair<long, long>> DigestLog { get; init; } = [];

    /// <summary>
    /// Further mntr values by key without the "zk_" prefix (e.g. "bytes_received_count", "cnt_readlatency",
    /// "sum_readlatency", "p99_readlatency"). Keys ZooKeeper prints that are missing here print 0; a summary's
    /// avg is computed from its sum and cnt, as ZooKeeper does.
    /// </summary>
    public IReadOnlyDictionary<string, long> Metrics { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);
}
