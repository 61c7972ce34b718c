namespace ActorZk.Server.Replication;

/// <summary>
/// The mntr counters a member keeps, under ZooKeeper's names and counted at the same events (ServerMetrics:
/// proposal_count and commit_count on the leader per txn, learner_proposal_received_count and
/// learner_commit_received_count on a learner per txn, diff_count and snap_count per learner sync, looking_count per
/// LOOKING), and the leader's proposal sizes (srvr's "Proposal sizes last/min/max").
/// </summary>
/// <remarks>Used on the peer actor's thread only. A proposal's size is its txn's bytes (header and body); ZooKeeper's
/// also carries a 12-byte tree digest, which ActorZk does not compute.</remarks>
internal sealed class PeerMetrics
{
    private readonly Dictionary<string, long> counters = new(StringComparer.Ordinal);

    public long LastProposalSize { get; private set; } = -1;

    public long MinProposalSize { get; private set; } = -1;

    public long MaxProposalSize { get; private set; } = -1;

    public void Add(string counter, long count = 1)
    {
        if (count > 0)
        {
            counters[counter] = counters.GetValueOrDefault(counter) + count;
        }
    }

    public void ProposalSent(int size)
    {
        LastProposalSize = size;
        MinProposalSize = MinProposalSize < 0 ? size : Math.Min(MinProposalSize, size);
        MaxProposalSize = Math.Max(MaxProposalSize, size);
        Add("proposal_count");
    }

    /// <summary>A copy for a snapshot of the member's state.</summary>
    public Dictionary<string, long> Copy() => new(counters, StringComparer.Ordinal);

    /// <summary>srst: every counter back to 0, the proposal sizes back to -1.</summary>
    public void Reset()
    {
        counters.Clear();
        LastProposalSize = MinProposalSize = MaxProposalSize = -1;
    }
}
