namespace ActorZk.Core.Quorum;

/// <summary>
/// An election vote (ZooKeeper's <c>Vote</c>): the proposed leader, that leader's last logged zxid and its
/// peer epoch (its currentEpoch), and the election epoch (the logical clock of the election round the vote
/// belongs to).
/// </summary>
/// <param name="Leader">The proposed leader's server id; <see cref="NoLeader"/> for an observer's empty vote.</param>
/// <param name="Zxid">The proposed leader's last logged zxid.</param>
/// <param name="PeerEpoch">The proposed leader's currentEpoch.</param>
/// <param name="ElectionEpoch">The logical clock of the election round.</param>
public readonly record struct Vote(long Leader, long Zxid, long PeerEpoch, long ElectionEpoch)
{
    /// <summary>The leader id of a vote that proposes nobody (what an observer starts with, as ZooKeeper's <c>Long.MIN_VALUE</c>).</summary>
    public const long NoLeader = long.MinValue;

    /// <summary>True if the vote proposes nobody.</summary>
    public bool IsEmpty => Leader == NoLeader;

    /// <summary>The empty vote of an observer: below every real vote in the total order.</summary>
    public static Vote None(long electionEpoch) => new(NoLeader, long.MinValue, long.MinValue, electionEpoch);

    /// <summary>
    /// ZooKeeper's total order of candidates, ignoring the election epoch: the higher peer epoch wins, then
    /// the higher zxid, then the higher server id. Returns a value above zero if <paramref name="a"/> ranks higher.
    /// </summary>
    public static int CompareCandidates(Vote a, Vote b)
    {
        var byEpoch = a.PeerEpoch.CompareTo(b.PeerEpoch);
        if (byEpoch != 0)
        {
            return byEpoch;
        }

        var byZxid = a.Zxid.CompareTo(b.Zxid);
        return byZxid != 0 ? byZxid : a.Leader.CompareTo(b.Leader);
    }

    /// <summary>
    /// FastLeaderElection's <c>totalOrderPredicate</c>: true if this vote's candidate is a voter of
    /// <paramref name="config"/> and ranks strictly above <paramref name="current"/>'s. A vote for an observer
    /// or an unknown id is never better (observers are never proposed).
    /// </summary>
    public bool IsBetterThan(Vote current, QuorumConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.IsVoter(Leader) && CompareCandidates(this, current) > 0;
    }

    /// <summary>
    /// ZooKeeper's <c>Vote.equals</c>, which decides whether two received votes count toward the same quorum:
    /// if either sender was LOOKING, leader, zxid, election epoch and peer epoch must all match; between two
    /// members out of the election (FOLLOWING/LEADING) only leader and peer epoch must match, because their
    /// zxids and election epochs may legitimately differ (ZOOKEEPER-1805).
    /// </summary>
    public static bool Agree(Vote a, ServerState aState, Vote b, ServerState bState)
    {
        if (aState == ServerState.Looking || bState == ServerState.Looking)
        {
            return a == b;
        }

        return a.Leader == b.Leader && a.PeerEpoch == b.PeerEpoch;
    }

    /// <inheritdoc/>
    public override string ToString()
        => IsEmpty
            ? $"(none, round {ElectionEpoch:x})"
            : $"(leader {Leader}, zxid {Zxid:x}, peerEpoch {PeerEpoch:x}, round {ElectionEpoch:x})";
}
