using ActorZk.Core.Quorum;

namespace ActorZk.Server.Quorum;

/// <summary>
/// From the peer actor to its election child: look for a leader (again) with these durable facts. Sent on start-up
/// and whenever the member stops leading or following; while looking or after a decision it starts a new round.
/// </summary>
/// <param name="LastLoggedZxid">The last zxid in the member's txn log, committed or not.</param>
/// <param name="CurrentEpoch">The member's durable currentEpoch.</param>
public sealed record StartElection(long LastLoggedZxid, long CurrentEpoch);

/// <summary>From the election actor to its parent, exactly once per round: the election decided.</summary>
/// <param name="Vote">The leader settled on, with its zxid and peer epoch.</param>
/// <param name="State">This member's role: Leading, Following or Observing.</param>
public sealed record LeaderElected(Vote Vote, ServerState State);

/// <summary>
/// From the peer actor once it leads or follows an established epoch (NEWLEADER acked by a quorum on the leader,
/// UPTODATE on a learner), so that members starting later learn the epoch the ensemble runs in (ZOOKEEPER-1732).
/// </summary>
/// <param name="Epoch">The established epoch.</param>
public sealed record UpdatePeerEpoch(long Epoch);

/// <summary>The election message between the election actors of two members (FastLeaderElection's notification).</summary>
/// <param name="Notification">Sender, its state and its vote.</param>
public sealed record ElectionNotification(Notification Notification);

/// <summary>The finalize wait that <paramref name="Token"/> started is over (a timer of the election actor).</summary>
internal sealed record FinalizeWaitOver(long Token);

/// <summary>Nothing arrived for the notification interval: send the proposal again (a timer of the election actor).</summary>
internal sealed record NotificationTimeout
{
    public static readonly NotificationTimeout Instance = new();

    private NotificationTimeout()
    {
    }
}

/// <summary>Still LOOKING after the reset-quorum-links-after wait (a timer of the election actor).</summary>
internal sealed record LookingTooLong
{
    public static readonly LookingTooLong Instance = new();

    private LookingTooLong()
    {
    }
}
