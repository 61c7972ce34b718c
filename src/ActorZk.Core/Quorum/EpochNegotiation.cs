namespace ActorZk.Core.Quorum;

/// <summary>
/// The leader's side of Zab's discovery and synchronization (phases 1 and 2): it collects the learners'
/// acceptedEpochs until a quorum (the leader included) has reported and proposes one more than the highest;
/// it collects their ACKEPOCHs until a quorum has acked, refusing to lead if one of them is ahead of the leader;
/// and it collects NEWLEADER acks until a quorum is in sync, which establishes the epoch.
/// </summary>
/// <remarks>
/// Mirrors ZooKeeper 3.8's <c>Leader.getEpochToPropose</c>, <c>Leader.waitForEpochAck</c> and
/// <c>Leader.waitForNewLeaderAck</c>. The leader's own acceptedEpoch, state summary and NEWLEADER ack count as
/// ZooKeeper's leader thread contributes them: its acceptedEpoch from the start, its summary once the epoch is
/// known, its NEWLEADER ack once the epoch acks are complete (the shell persists currentEpoch before it sends any
/// NEWLEADER, so no learner's NEWLEADER ack can come earlier). The time limits (initLimit ticks for each phase)
/// are the shell's: when one passes, the leader gives up and its member goes back to election.
/// </remarks>
public sealed class EpochNegotiation
{
    private readonly QuorumConfig config;
    private readonly HashSet<long> epochReporters = [];
    private readonly HashSet<long> epochAckers = [];
    private readonly HashSet<long> newLeaderAckers = [];
    private long proposedEpoch = -1;
    private bool started;

    /// <summary>Creates the negotiation of leader <paramref name="leaderId"/>; call <see cref="Start"/> next.</summary>
    /// <param name="config">The ensemble.</param>
    /// <param name="leaderId">This member's server id; it must be a voter.</param>
    /// <param name="leaderAcceptedEpoch">The leader's durable acceptedEpoch.</param>
    /// <param name="leaderState">The leader's durable currentEpoch and last logged zxid.</param>
    public EpochNegotiation(QuorumConfig config, long leaderId, long leaderAcceptedEpoch, StateSummary leaderState)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.IsVoter(leaderId))
        {
            throw new ArgumentException($"Server {leaderId} is not a voter and cannot lead.", nameof(leaderId));
        }

        this.config = config;
        LeaderId = leaderId;
        LeaderState = leaderState;
        Bump(leaderAcceptedEpoch);
        epochReporters.Add(leaderId);
    }

    /// <summary>The leader's server id.</summary>
    public long LeaderId { get; }

    /// <summary>The leader's state summary, against which learners' ACKEPOCHs are checked.</summary>
    public StateSummary LeaderState { get; }

    /// <summary>Where the negotiation stands.</summary>
    public EpochPhase Phase { get; private set; } = EpochPhase.CollectingEpochs;

    /// <summary>The new epoch, once a quorum has reported its acceptedEpoch.</summary>
    public long? NewEpoch { get; private set; }

    /// <summary>The NEWLEADER zxid: the new epoch with counter 0.</summary>
    /// <exception cref="InvalidOperationException">The new epoch is not known yet.</exception>
    public long NewLeaderZxid
        => NewEpoch is { } epoch ? Zxid.Make(epoch, 0) : throw new InvalidOperationException("The new epoch is not known yet.");

    /// <summary>The voters whose acceptedEpoch has been counted (the leader included).</summary>
    public IReadOnlyCollection<long> EpochReporters => epochReporters;

    /// <summary>The voters whose ACKEPOCH counted toward the quorum (the leader included).</summary>
    public IReadOnlyCollection<long> EpochAckers => epochAckers;

    /// <summary>The voters that acked NEWLEADER while the quorum was being formed (the leader included).</summary>
    public IReadOnlyCollection<long> NewLeaderAckers => newLeaderAckers;

    /// <summary>Counts the leader's own contributions; with enough voters already this can complete phases.</summary>
    public EpochStep Start()
    {
        if (started)
        {
            return EpochStep.None;
        }

        started = true;
        return Advance(EpochStep.None);
    }

    /// <summary>
    /// A learner's FOLLOWERINFO (or OBSERVERINFO) with its acceptedEpoch. Every member's acceptedEpoch raises the
    /// proposal, but only voters count toward the quorum. Once the epoch is known, later reports change nothing
    /// (the learner gets LEADERINFO with <see cref="NewEpoch"/> at once).
    /// </summary>
    public EpochStep FollowerInfo(long serverId, long acceptedEpoch)
    {
        EnsureStarted();
        if (Phase != EpochPhase.CollectingEpochs || !config.IsMember(serverId))
        {
            return EpochStep.None;
        }

        Bump(acceptedEpoch);
        if (config.IsVoter(serverId))
        {
            epochReporters.Add(serverId);
        }

        return Advance(EpochStep.None);
    }

    /// <summary>
    /// A learner's ACKEPOCH. A summary whose currentEpoch is -1 (the learner had already accepted this epoch)
    /// does not count. A learner ahead of the leader in (currentEpoch, lastZxid) fails the negotiation. Acks after
    /// the quorum are not checked, as in ZooKeeper (such a learner gets a TRUNC).
    /// </summary>
    public EpochStep AckEpoch(long serverId, StateSummary summary)
    {
        EnsureStarted();
        if (Phase != EpochPhase.CollectingEpochAcks || !config.IsMember(serverId))
        {
            return EpochStep.None;
        }

        if (summary.CurrentEpoch != -1)
        {
            if (summary.IsMoreRecentThan(LeaderState))
            {
                Phase = EpochPhase.Failed;
                return EpochStep.None with { FollowerAhead = true };
            }

            if (summary.LastZxid != -1 && config.IsVoter(serverId))
            {
                epochAckers.Add(serverId);
            }
        }

        return Advance(EpochStep.None);
    }

    /// <summary>
    /// A learner's ack of NEWLEADER, sent once it is durably in sync and has set its currentEpoch. An ack of another
    /// epoch's NEWLEADER is ignored. Acks after the quorum change nothing (the learner gets UPTODATE at once).
    /// </summary>
    public EpochStep AckNewLeader(long serverId, long zxid)
    {
        EnsureStarted();
        if (Phase != EpochPhase.CollectingNewLeaderAcks || zxid != NewLeaderZxid || !config.IsVoter(serverId))
        {
            return EpochStep.None;
        }

        newLeaderAckers.Add(serverId);
        return Advance(EpochStep.None);
    }

    private void Bump(long acceptedEpoch)
    {
        if (acceptedEpoch >= proposedEpoch)
        {
            proposedEpoch = acceptedEpoch + 1;
        }
    }

    private EpochStep Advance(EpochStep step)
    {
        if (Phase == EpochPhase.CollectingEpochs && config.IsQuorum(epochReporters))
        {
            NewEpoch = proposedEpoch;
            Phase = EpochPhase.CollectingEpochAcks;
            epochAckers.Add(LeaderId);
            step = step with { NewEpochDecided = proposedEpoch };
        }

        if (Phase == EpochPhase.CollectingEpochAcks && config.IsQuorum(epochAckers))
        {
            Phase = EpochPhase.CollectingNewLeaderAcks;
            newLeaderAckers.Add(LeaderId);
            step = step with { EpochAcksComplete = true };
        }

        if (Phase == EpochPhase.CollectingNewLeaderAcks && config.IsQuorum(newLeaderAckers))
        {
            Phase = EpochPhase.Established;
            step = step with { Established = true };
        }

        return step;
    }

    private void EnsureStarted()
    {
        if (!started)
        {
            throw new InvalidOperationException("Start the negotiation before feeding it learner messages.");
        }
    }
}
