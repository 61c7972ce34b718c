namespace ActorZk.Core.Quorum;

/// <summary>
/// A member's state as carried in election notifications (ZooKeeper's <c>QuorumPeer.ServerState</c>; the
/// ordinal is the wire value of FastLeaderElection's notification).
/// </summary>
public enum ServerState
{
    /// <summary>In an election.</summary>
    Looking = 0,

    /// <summary>Following a leader.</summary>
    Following = 1,

    /// <summary>Leading.</summary>
    Leading = 2,

    /// <summary>Observing a leader (observers only).</summary>
    Observing = 3,
}
