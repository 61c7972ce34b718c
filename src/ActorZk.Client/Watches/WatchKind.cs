namespace ActorZk.Client.Watches;

/// <summary>How a request registers its watcher once the reply arrives (ZooKeeper's WatchRegistration subclasses).</summary>
internal enum WatchKind
{
    /// <summary>getData: a data watch, only when the node exists.</summary>
    Data,

    /// <summary>exists: a data watch when the node exists, an exist watch when it does not.</summary>
    Exists,

    /// <summary>getChildren: a child watch, only when the node exists.</summary>
    Child,

    /// <summary>addWatch(PERSISTENT): registered whether or not the node exists.</summary>
    Persistent,

    /// <summary>addWatch(PERSISTENT_RECURSIVE): registered whether or not the node exists.</summary>
    PersistentRecursive,
}
