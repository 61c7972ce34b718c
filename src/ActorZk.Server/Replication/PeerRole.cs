namespace ActorZk.Server.Replication;

/// <summary>The member's role; srvr prints it as the mode.</summary>
internal enum PeerRole
{
    /// <summary>No ensemble: the member leads itself, epoch 0.</summary>
    Standalone,

    /// <summary>In an election (or waiting for its log before one); clients are refused.</summary>
    Looking,

    /// <summary>Leading; clients are served once a quorum has synced (the epoch is established).</summary>
    Leading,

    /// <summary>Following; clients are served once the leader sent UPTODATE.</summary>
    Following,

    /// <summary>Observing; clients are served once the leader sent UPTODATE.</summary>
    Observing,
}
