using ActorZk.Core.Quorum;
using ActorZk.Server.Storage;

namespace ActorZk.Server.Replication;

/// <summary>What a leading member keeps for one term: discovery, its learners, and once established the broadcast.</summary>
internal sealed class LeaderState(EpochNegotiation negotiation, QuorumLiveness liveness, long startedMs)
{
    public EpochNegotiation Negotiation { get; } = negotiation;

    public QuorumLiveness Liveness { get; } = liveness;

    /// <summary>When leading began (discovery must finish within initLimit ticks).</summary>
    public long StartedMs { get; } = startedMs;

    public Dictionary<long, LearnerHandle> Learners { get; } = [];

    /// <summary>Set once a quorum acked NEWLEADER: only then are clients served and txns proposed.</summary>
    public ZxidGenerator? Zxids { get; set; }

    public ProposalTracker? Tracker { get; set; }

    public bool IsEstablished => Tracker is not null;

    public DateTime EstablishedUtc { get; set; }

    /// <summary>The last proposal sent to the followers (pings carry it so that a lost packet shows).</summary>
    public long LastSentProposal { get; set; }

    /// <summary>The last txn sent to the observers.</summary>
    public long LastInformed { get; set; }

    /// <summary>A commit not yet told to the followers: it leaves with the next flush, on the proposals if there are any.</summary>
    public bool CommitPending { get; set; }

    /// <summary>Committed txns not yet sent to the observers (INFORM); they leave with the next flush.</summary>
    public List<LoggedTxn> PendingInform { get; } = [];

    public long LastPingMs { get; set; }
}
