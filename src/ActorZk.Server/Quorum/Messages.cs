using ActorZk.Core.Quorum;

namespace ActorZk.Server.Quorum;

/// <summary>Peer to its election actor: (re)start looking with this member's log facts.</summary>
public sealed record StartElection(long LastLoggedZxid, long CurrentEpoch);

/// <summary>Election actor to its parent: the round decided; <paramref name="State"/> is this member's role.</summary>
public sealed record LeaderElected(Vote Vote, ServerState State);

/// <summary>Peer to its election actor: the epoch now established (answers to LOOKING members carry it).</summary>
public sealed record UpdatePeerEpoch(long Epoch);

/// <summary>Between election actors: one FastLeaderElection notification.</summary>
public sealed record ElectionNotification(Notification Notification);
