namespace ActorZk.Protocol;

/// <summary>Event types of a <c>WatcherEvent</c>.</summary>
public enum EventType
{
    /// <summary>A connection-state event.</summary>
    None = -1,
    /// <summary>A znode was created.</summary>
    NodeCreated = 1,
    /// <summary>A znode was deleted.</summary>
    NodeDeleted = 2,
    /// <summary>A znode's data changed.</summary>
    NodeDataChanged = 3,
    /// <summary>A znode's children changed.</summary>
    NodeChildrenChanged = 4,
    /// <summary>A data watch was removed.</summary>
    DataWatchRemoved = 5,
    /// <summary>A child watch was removed.</summary>
    ChildWatchRemoved = 6,
    /// <summary>A persistent watch was removed.</summary>
    PersistentWatchRemoved = 7,
}

/// <summary>Keeper states of a <c>WatcherEvent</c>.</summary>
public enum KeeperState
{
    /// <summary>Disconnected from the server.</summary>
    Disconnected = 0,
    /// <summary>Connected.</summary>
    SyncConnected = 3,
    /// <summary>Authentication failed.</summary>
    AuthFailed = 4,
    /// <summary>Connected to a read-only server.</summary>
    ConnectedReadOnly = 5,
    /// <summary>SASL authenticated.</summary>
    SaslAuthenticated = 6,
    /// <summary>The session expired.</summary>
    Expired = -112,
    /// <summary>The client closed the session.</summary>
    Closed = 7,
}

/// <summary>Watch types of checkWatches/removeWatches.</summary>
public enum WatcherType
{
    /// <summary>Child watches.</summary>
    Children = 1,
    /// <summary>Data (and exist) watches.</summary>
    Data = 2,
    /// <summary>Any watch.</summary>
    Any = 3,
}

/// <summary>Modes of addWatch.</summary>
public enum AddWatchMode
{
    /// <summary>A persistent watch on one node (data and children).</summary>
    Persistent = 0,
    /// <summary>A persistent watch on a node and all its descendants.</summary>
    PersistentRecursive = 1,
}
