namespace ActorZk.Core.Quorum;

/// <summary>
/// Whether a leader still hears from a quorum (ZooKeeper's <c>LearnerHandler.synced</c> and the check in
/// <c>Leader.lead</c>'s loop): each learner has a tick deadline, pushed out by <c>syncLimit</c> ticks whenever
/// anything arrives from it; a learner is synced while the current tick has not passed its deadline. The leader
/// checks twice per tick and steps down when the leader plus the synced voters are no longer a quorum.
/// </summary>
public sealed class QuorumLiveness
{
    private readonly QuorumConfig config;
    private readonly Dictionary<long, long> deadlines = [];

    /// <summary>Creates the tracker of leader <paramref name="leaderId"/>.</summary>
    /// <param name="config">The ensemble.</param>
    /// <param name="leaderId">The leader's id; it always counts.</param>
    /// <param name="initLimit">zoo.cfg's initLimit: ticks a learner gets to sync after it connects.</param>
    /// <param name="syncLimit">zoo.cfg's syncLimit: ticks a synced learner may stay silent.</param>
    public QuorumLiveness(QuorumConfig config, long leaderId, int initLimit, int syncLimit)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(syncLimit);
        this.config = config;
        LeaderId = leaderId;
        InitLimit = initLimit;
        SyncLimit = syncLimit;
    }

    /// <summary>The leader's id.</summary>
    public long LeaderId { get; }

    /// <summary>Ticks a learner gets to sync after it connects.</summary>
    public int InitLimit { get; }

    /// <summary>Ticks a synced learner may stay silent.</summary>
    public int SyncLimit { get; }

    /// <summary>A learner connected at <paramref name="nowTick"/>: its deadline is initLimit + syncLimit ticks away.</summary>
    public void Connected(long serverId, long nowTick) => deadlines[serverId] = nowTick + InitLimit + SyncLimit;

    /// <summary>Something (an ack, a ping reply) arrived from a connected learner: its deadline is syncLimit ticks away.</summary>
    public void Heard(long serverId, long nowTick)
    {
        if (deadlines.ContainsKey(serverId))
        {
            deadlines[serverId] = nowTick + SyncLimit;
        }
    }

    /// <summary>The learner's connection ended.</summary>
    public void Disconnected(long serverId) => deadlines.Remove(serverId);

    /// <summary>True while <paramref name="nowTick"/> has not passed the learner's deadline.</summary>
    public bool IsSynced(long serverId, long nowTick)
        => deadlines.TryGetValue(serverId, out var deadline) && nowTick <= deadline;

    /// <summary>The voters that count now: the leader and every synced voter.</summary>
    public IReadOnlyCollection<long> SyncedVoters(long nowTick)
    {
        var synced = new HashSet<long> { LeaderId };
        foreach (var (id, deadline) in deadlines)
        {
            if (nowTick <= deadline && config.IsVoter(id))
            {
                synced.Add(id);
            }
        }

        return synced;
    }

    /// <summary>True if the leader and the synced voters form a quorum; false means: stop leading.</summary>
    public bool HasSyncedQuorum(long nowTick) => config.IsQuorum(SyncedVoters(nowTick));
}
