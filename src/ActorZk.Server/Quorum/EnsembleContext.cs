using ActorZk.Core.Quorum;
using ActorZk.Server.Storage;
using Akka.Actor;

namespace ActorZk.Server.Quorum;

/// <summary>
/// What a member in quorum mode knows about its ensemble: the voters and observers of zoo.cfg, its own id (myid),
/// the Akka address of every member (remoting listens on the member's quorum port), and its durable epochs.
/// </summary>
/// <param name="Quorum">The static voter/observer lists of zoo.cfg; the only source of quorum decisions.</param>
/// <param name="MyId">This member's server id (myid).</param>
/// <param name="Addresses">Every member's actor-system address, by server id.</param>
/// <param name="Epochs">This member's acceptedEpoch and currentEpoch.</param>
public sealed record EnsembleContext(
    QuorumConfig Quorum,
    long MyId,
    IReadOnlyDictionary<long, Address> Addresses,
    EpochStore Epochs)
{
    /// <summary>The name of the peer actor under /user on every member.</summary>
    public const string PeerActorName = "peer";

    /// <summary>The name of the election actor, a child of the peer actor.</summary>
    public const string ElectionActorName = "election";

    /// <summary>True if this member is an observer.</summary>
    public bool IsObserver => Quorum.IsObserver(MyId);

    /// <summary>The peer actor of member <paramref name="serverId"/>.</summary>
    public ActorPath PeerPath(long serverId) => new RootActorPath(Addresses[serverId]) / "user" / PeerActorName;

    /// <summary>The election actor of member <paramref name="serverId"/>.</summary>
    public ActorPath ElectionPath(long serverId) => PeerPath(serverId) / ElectionActorName;
}
