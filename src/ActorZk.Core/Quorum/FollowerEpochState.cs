namespace ActorZk.Core.Quorum;

/// <summary>
/// A learner's two durable epochs and Zab's rules for them: <see cref="AcceptedEpoch"/> is the newest epoch it
/// promised to follow (set on LEADERINFO, before ACKEPOCH goes out); <see cref="CurrentEpoch"/> is the epoch whose
/// history it holds in full (set on NEWLEADER, after the sync's txns are durable and before the ack goes out). A
/// lower epoch than the accepted one is refused. Both values are kept next to the txn log; the shell writes the
/// new value durably before it sends the message that follows.
/// </summary>
/// <remarks>Mirrors ZooKeeper 3.8's <c>Learner.registerWithLeader</c> and the NEWLEADER case of <c>Learner.syncWithLeader</c>.</remarks>
public sealed class FollowerEpochState
{
    /// <summary>Loads the durable epochs.</summary>
    /// <exception cref="ArgumentException"><paramref name="currentEpoch"/> is above <paramref name="acceptedEpoch"/>.</exception>
    public FollowerEpochState(long acceptedEpoch, long currentEpoch)
    {
        if (currentEpoch > acceptedEpoch)
        {
            throw new ArgumentException(
                $"currentEpoch {currentEpoch} is above acceptedEpoch {acceptedEpoch}.", nameof(currentEpoch));
        }

        AcceptedEpoch = acceptedEpoch;
        CurrentEpoch = currentEpoch;
    }

    /// <summary>The newest epoch this member promised to follow.</summary>
    public long AcceptedEpoch { get; private set; }

    /// <summary>The epoch whose history this member holds in full; its election vote's peer epoch.</summary>
    public long CurrentEpoch { get; private set; }

    /// <summary>The zxid of FOLLOWERINFO: the acceptedEpoch with counter 0.</summary>
    public long FollowerInfoZxid => Zxid.Make(AcceptedEpoch, 0);

    /// <summary>
    /// LEADERINFO from the leader: a newer epoch is accepted (persist <see cref="AcceptedEpoch"/> before replying),
    /// the same one is acked without counting, an older one is refused.
    /// </summary>
    public LeaderInfoReply OnLeaderInfo(long newEpoch)
    {
        if (newEpoch > AcceptedEpoch)
        {
            var reply = new LeaderInfoReply(LeaderInfoOutcome.Accepted, CurrentEpoch);
            AcceptedEpoch = newEpoch;
            return reply;
        }

        return newEpoch == AcceptedEpoch
            ? new LeaderInfoReply(LeaderInfoOutcome.AlreadyAccepted, -1)
            : new LeaderInfoReply(LeaderInfoOutcome.Refused, CurrentEpoch);
    }

    /// <summary>
    /// NEWLEADER from the leader, to be called once the sync's TRUNC, snapshot and txns are durable: if its epoch
    /// is the accepted one, <see cref="CurrentEpoch"/> becomes it and the result is true (persist it, then ack).
    /// Any other epoch is refused (false): the learner abandons this leader.
    /// </summary>
    public bool TryAcceptNewLeader(long newLeaderZxid)
    {
        var epoch = Zxid.EpochOf(newLeaderZxid);
        if (epoch != AcceptedEpoch || epoch < CurrentEpoch)
        {
            return false;
        }

        CurrentEpoch = epoch;
        return true;
    }
}
