using ActorZk.Core.Quorum;
using Akka.Actor;

namespace ActorZk.Server.Replication;

/// <summary>Where a learner's registration with its leader stands.</summary>
internal enum LearnerPhase
{
    /// <summary>FOLLOWERINFO sent (again every tick) until LEADERINFO arrives.</summary>
    Connecting,

    /// <summary>Epoch acked; receiving the sync, then NEWLEADER and UPTODATE.</summary>
    Syncing,

    /// <summary>UPTODATE received: serving clients.</summary>
    Serving,
}

/// <summary>What a following or observing member keeps about its leader for one term.</summary>
internal sealed class LearnerState(long leaderId, ActorSelection leaderSelection, FollowerEpochState epochs, long registration, long nowMs)
{
    public long LeaderId { get; } = leaderId;

    public ActorSelection LeaderSelection { get; } = leaderSelection;

    public FollowerEpochState Epochs { get; } = epochs;

    /// <summary>Sent in FOLLOWERINFO so the leader can tell a repeat from a new registration.</summary>
    public long Registration { get; } = registration;

    /// <summary>The leader's peer actor, known from LEADERINFO's sender.</summary>
    public IActorRef Leader { get; set; } = ActorRefs.Nobody;

    public LearnerPhase Phase { get; set; } = LearnerPhase.Connecting;

    public long PhaseStartedMs { get; set; } = nowMs;

    public long LastHeardMs { get; set; } = nowMs;

    /// <summary>The last txn received from the leader (sync, proposal or inform), to detect a lost packet.</summary>
    public long LastReceivedZxid { get; set; }

    /// <summary>NEWLEADER's zxid while its ack waits for the sync to be durable; -1 when none is pending.</summary>
    public long PendingNewLeaderZxid { get; set; } = -1;

    /// <summary>True after NEWLEADER was acked: from then on a follower acks what it logs.</summary>
    public bool Acking { get; set; }

    /// <summary>A SNAP's snapshot is being made durable; NEWLEADER waits for it.</summary>
    public bool SnapshotInstallPending { get; set; }

    /// <summary>The pieces of a SNAP received so far.</summary>
    public List<byte[]> SnapshotChunks { get; } = [];

    /// <summary>Sessions this member's clients used since the last ping, relayed to the leader.</summary>
    public Dictionary<long, int> Touches { get; } = [];

    /// <summary>Writes of this member's clients not yet forwarded: they leave together at the end of the actor's turn.</summary>
    public List<ForwardedRequest> Unforwarded { get; } = [];
}
