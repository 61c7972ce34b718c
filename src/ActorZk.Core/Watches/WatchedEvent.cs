using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Watches;

/// <summary>A watch notification as the server delivers it (ZooKeeper 3.8.0's server-side <c>WatchedEvent</c>).</summary>
/// <param name="Type">What happened.</param>
/// <param name="State">Always <see cref="KeeperState.SyncConnected"/> for node events.</param>
/// <param name="Path">The node the event is about.</param>
public readonly record struct WatchedEvent(EventType Type, KeeperState State, string Path)
{
    /// <summary>The zxid of an event that no txn caused (ZooKeeper's <c>WatchedEvent.NO_ZXID</c>).</summary>
    public const long NoZxid = -1;

    /// <summary>
    /// The zxid to put in the notification's reply header: always <see cref="NoZxid"/>, since ZooKeeper 3.8.0
    /// sends every notification with zxid -1 (<c>NIOServerCnxn.process</c>: <c>new ReplyHeader(-1, -1L, 0)</c>);
    /// only later versions carry the causing txn's zxid.
    /// </summary>
    public long Zxid => NoZxid;

    /// <summary>The wire record of the notification (its zxid goes in the reply header).</summary>
    public WatcherEvent ToWatcherEvent() => new(Type, State, Path);
}
