namespace ActorZk.Core.Watches;

/// <summary>How a watch behaves once triggered (ZooKeeper's <c>WatcherMode</c>).</summary>
public enum WatcherMode
{
    /// <summary>A one-shot watch, removed when it fires.</summary>
    Standard = 1,
    /// <summary>A watch on one node that stays after firing (addWatch PERSISTENT).</summary>
    Persistent = 2,
    /// <summary>A watch on a node and all its descendants that stays (addWatch PERSISTENT_RECURSIVE).</summary>
    PersistentRecursive = 4,
}
