using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Storage;

namespace ActorZk.Server.Replication;

// The Zab packets between peer actors of an ensemble (ZooKeeper's Leader/Learner packet types), carried by
// Akka.Remote. Leader and learner address each other by the IActorRef that sent the first packet, so every stream
// of packets keeps its order (one association per pair of members).

/// <summary>Learner to leader: FOLLOWERINFO/OBSERVERINFO, the start of discovery.</summary>
public sealed record FollowerInfo(long ServerId, bool IsObserver, long AcceptedEpoch, long LastLoggedZxid)
{
    /// <summary>Counts the learner's registrations, so that the leader tells a repeat from a new one.</summary>
    public long Registration { get; init; }
}

/// <summary>Leader to learner: LEADERINFO with the epoch the leader proposes.</summary>
public sealed record LeaderInfo(long LeaderId, long NewEpoch);

/// <summary>Learner to leader: ACKEPOCH (CurrentEpoch -1 when the learner had already accepted the epoch).</summary>
public sealed record AckEpoch(long ServerId, long CurrentEpoch, long LastLoggedZxid);

/// <summary>Leader to learner, sync: committed txns the learner lacks (DIFF), in zxid order.</summary>
public sealed record SyncTxns(IReadOnlyList<LoggedTxn> Txns);

/// <summary>Leader to learner, sync: discard every logged txn after <paramref name="Zxid"/> (TRUNC).</summary>
public sealed record SyncTruncate(long Zxid);

/// <summary>Leader to learner, sync: one piece of a whole-tree snapshot (SNAP); pieces arrive in order.</summary>
public sealed record SyncSnapshotChunk(long Zxid, int Index, int Count, byte[] Bytes);

/// <summary>Leader to learner: NEWLEADER; the learner acks once everything of the sync is durable.</summary>
public sealed record NewLeader(long Zxid);

/// <summary>Learner to leader: the ack of NEWLEADER.</summary>
public sealed record AckNewLeader(long ServerId, long Zxid);

/// <summary>Leader to learner: UPTODATE, start serving clients.</summary>
public sealed record UpToDate(long LeaderId);

/// <summary>Leader to followers: PROPOSAL, a batch of txns in zxid order.</summary>
public sealed record Proposals(IReadOnlyList<LoggedTxn> Txns)
{
    /// <summary>
    /// A COMMIT riding along: every proposal up to this zxid (all sent before this batch) is committed; 0 for none.
    /// Under load the leader's commit and its next proposals leave together, one packet instead of two.
    /// </summary>
    public long CommitThrough { get; init; }
}

/// <summary>Follower to leader: ACK of every proposal up to <paramref name="Zxid"/>, now durable on the follower.</summary>
public sealed record AckProposals(long ServerId, long Zxid);

/// <summary>Leader to followers: COMMIT of every proposal up to <paramref name="Zxid"/>.</summary>
public sealed record CommitThrough(long Zxid);

/// <summary>Leader to observers: INFORM, committed txns in zxid order.</summary>
public sealed record Inform(IReadOnlyList<LoggedTxn> Txns);

/// <summary>Leader to learner, every half tick: PING, with the last zxid proposed so that a lost packet shows.</summary>
public sealed record LeaderPing(long LeaderId, long LastProposedZxid);

/// <summary>A session a learner's clients used since the last ping, and its timeout.</summary>
public readonly record struct SessionTouch(long SessionId, int Timeout);

/// <summary>Learner to leader: the answer to a ping, with the sessions its clients kept alive.</summary>
public sealed record LearnerPing(long ServerId, IReadOnlyList<SessionTouch> Touches);

/// <summary>Learner to leader: REQUEST, a client's write (createSession/closeSession included) as jute bytes.</summary>
public sealed record ForwardedRequest(long ServerId, long SessionId, int Cxid, OpCode Type, byte[] Body, IReadOnlyList<Id> AuthInfo);

/// <summary>Learner to leader: several forwarded requests in the order the clients sent them.</summary>
public sealed record ForwardedRequests(IReadOnlyList<ForwardedRequest> Requests);

/// <summary>Learner to leader: a client's sync.</summary>
public sealed record ForwardedSync(long ServerId, long SessionId, int Cxid);

/// <summary>
/// Leader to learner: the sync of <paramref name="SessionId"/>/<paramref name="Cxid"/> may be answered once the
/// learner has applied every txn up to <paramref name="Zxid"/> (the leader's last proposal when the sync arrived).
/// </summary>
public sealed record SyncCompleted(long SessionId, int Cxid, long Zxid);
