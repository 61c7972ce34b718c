namespace ActorZk.Core.Quorum;

/// <summary>
/// The leader's outstanding proposals of one epoch and their acks (ZooKeeper's <c>Leader.outstandingProposals</c>,
/// <c>processAck</c> and <c>tryToCommit</c>). A proposal becomes committable once a quorum of voters acked it —
/// the leader counts too, after its own durable append — and proposals commit strictly in zxid order: a later one
/// that reaches its quorum first waits for every earlier one.
/// </summary>
/// <remarks>
/// Acks from observers and unknown ids are ignored, as are acks of counter-0 zxids (a learner acks NEWLEADER and
/// UPTODATE with the epoch's zxid), of other epochs' zxids, of committed zxids and of zxids never proposed. A learner that joins during
/// broadcast is forwarded the outstanding proposals (<see cref="Outstanding"/>) and its acks count like anyone's.
/// </remarks>
public sealed class ProposalTracker
{
    private static readonly IReadOnlyList<long> None = [];

    private readonly QuorumConfig config;
    private readonly Queue<long> outstanding = new();
    private readonly Dictionary<long, HashSet<long>> ackers = [];

    /// <summary>Starts tracking for epoch <paramref name="epoch"/>; nothing is proposed or committed yet.</summary>
    public ProposalTracker(QuorumConfig config, long epoch)
        : this(config, epoch, 0)
    {
    }

    /// <summary>Continues after counter <paramref name="lastCounter"/>, all committed (tests start near the rollover with it).</summary>
    internal ProposalTracker(QuorumConfig config, long epoch, long lastCounter)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        this.config = config;
        Epoch = epoch;
        LastProposed = LastCommitted = Zxid.Make(epoch, lastCounter);
    }

    /// <summary>The epoch.</summary>
    public long Epoch { get; }

    /// <summary>The last zxid proposed (the epoch's counter 0 before the first).</summary>
    public long LastProposed { get; private set; }

    /// <summary>The last zxid that became committable (the epoch's counter 0 before the first).</summary>
    public long LastCommitted { get; private set; }

    /// <summary>The number of proposals not yet committable.</summary>
    public int OutstandingCount => outstanding.Count;

    /// <summary>The outstanding zxids, ascending (what a learner that syncs now must be forwarded).</summary>
    public IReadOnlyList<long> Outstanding => [.. outstanding];

    /// <summary>Records a new proposal; zxids must follow each other without a gap within the epoch.</summary>
    /// <exception cref="ArgumentException">The zxid is of another epoch or does not follow <see cref="LastProposed"/>.</exception>
    public void Propose(long zxid)
    {
        if (Zxid.EpochOf(zxid) != Epoch)
        {
            throw new ArgumentException($"Zxid 0x{Zxid.ToHex(zxid)} is not of epoch 0x{Zxid.ToHex(Epoch)}.", nameof(zxid));
        }

        if (zxid != LastProposed + 1 || Zxid.CounterOf(zxid) == Zxid.RolloverCounter)
        {
            throw new ArgumentException(
                $"Zxid 0x{Zxid.ToHex(zxid)} does not follow the last proposal 0x{Zxid.ToHex(LastProposed)}.", nameof(zxid));
        }

        LastProposed = zxid;
        outstanding.Enqueue(zxid);
        ackers[zxid] = [];
    }

    /// <summary>
    /// Server <paramref name="serverId"/> durably logged proposal <paramref name="zxid"/>. Returns the zxids that
    /// became committable, ascending (send COMMIT to followers and INFORM to observers, then apply, in this order).
    /// </summary>
    public IReadOnlyList<long> Ack(long serverId, long zxid)
    {
        if (!Counts(serverId, zxid) || !ackers.TryGetValue(zxid, out var set))
        {
            return None;
        }

        set.Add(serverId);
        return CommitReady();
    }

    /// <summary>
    /// Server <paramref name="serverId"/> durably logged every proposal up to <paramref name="zxid"/> (a group
    /// commit acked once). Sound because a follower logs a leader's proposals in zxid order without skipping any.
    /// Returns the zxids that became committable, ascending.
    /// </summary>
    public IReadOnlyList<long> AckThrough(long serverId, long zxid)
    {
        if (!Counts(serverId, zxid))
        {
            return None;
        }

        foreach (var proposed in outstanding)
        {
            if (proposed > zxid)
            {
                break;
            }

            ackers[proposed].Add(serverId);
        }

        return CommitReady();
    }

    /// <summary>The voters that acked outstanding proposal <paramref name="zxid"/> (empty if it is not outstanding).</summary>
    public IReadOnlyCollection<long> AckersOf(long zxid) => ackers.TryGetValue(zxid, out var set) ? set : [];

    private bool Counts(long serverId, long zxid)
        => config.IsVoter(serverId)
            && Zxid.EpochOf(zxid) == Epoch
            && !Zxid.IsEpochStart(zxid)
            && zxid > LastCommitted
            && outstanding.Count > 0;

    private IReadOnlyList<long> CommitReady()
    {
        List<long>? committed = null;
        while (outstanding.TryPeek(out var head) && config.IsQuorum(ackers[head]))
        {
            outstanding.Dequeue();
            ackers.Remove(head);
            LastCommitted = head;
            (committed ??= []).Add(head);
        }

        return committed ?? None;
    }
}
