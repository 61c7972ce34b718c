using ActorZk.Protocol;

namespace ActorZk.Core.Watches;

/// <summary>
/// A watch notification as the server delivers it: the wire <c>WatcherEvent</c> fields plus the zxid of the
/// txn that caused it, which ZooKeeper sends as the notification's reply-header zxid.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="State">Always <see cref="KeeperState.SyncConnected"/> for node events.</param>
/// <param name="Path">The node the event is about.</param>
/// <param name="Zxid">The causing txn's zxid, or <see cref="NoZxid"/> for events of setWatches.</param>
public readonly record struct WatchedEvent(EventType Type, KeeperState State, string Path, long Zxid)
{
    /// <summary>The zxid of an event that no txn caused (ZooKeeper's <c>WatchedEvent.NO_ZXID</c>).</summary>
    public const long NoZxid = -1;
}
