using ActorZk.Client;
using ActorZk.Protocol;

namespace ActorZk.Cli.Formatting;

/// <summary>
/// Watch notifications as zkCli prints them: its watcher calls <c>printMessage</c> twice, which writes a newline
/// before each line, with ZooKeeper 3.8's <c>WatchedEvent.toString()</c> (no zxid; a null path prints as "null").
/// </summary>
internal static class WatchedEventText
{
    /// <summary>The whole block zkCli writes for one event: "\nWATCHER::\n\nWatchedEvent state:... path:...\n".</summary>
    /// <param name="watchedEvent">The event.</param>
    /// <returns>The text.</returns>
    public static string Block(WatchedEvent watchedEvent) => "\nWATCHER::\n\n" + Describe(watchedEvent) + "\n";

    /// <summary>ZooKeeper 3.8's <c>WatchedEvent.toString()</c>.</summary>
    /// <param name="watchedEvent">The event.</param>
    /// <returns>The text.</returns>
    public static string Describe(WatchedEvent watchedEvent)
    {
        ArgumentNullException.ThrowIfNull(watchedEvent);
        return $"WatchedEvent state:{StateName(watchedEvent.State)} type:{TypeName(watchedEvent.Type)} path:{watchedEvent.Path ?? "null"}";
    }

    // Spelled out rather than Enum.ToString so that a rename in the protocol enums cannot change the output.
    private static string StateName(KeeperState state) => state switch
    {
        KeeperState.Disconnected => "Disconnected",
        KeeperState.SyncConnected => "SyncConnected",
        KeeperState.AuthFailed => "AuthFailed",
        KeeperState.ConnectedReadOnly => "ConnectedReadOnly",
        KeeperState.SaslAuthenticated => "SaslAuthenticated",
        KeeperState.Expired => "Expired",
        KeeperState.Closed => "Closed",
        _ => "Unknown",
    };

    private static string TypeName(EventType type) => type switch
    {
        EventType.None => "None",
        EventType.NodeCreated => "NodeCreated",
        EventType.NodeDeleted => "NodeDeleted",
        EventType.NodeDataChanged => "NodeDataChanged",
        EventType.NodeChildrenChanged => "NodeChildrenChanged",
        EventType.DataWatchRemoved => "DataWatchRemoved",
        EventType.ChildWatchRemoved => "ChildWatchRemoved",
        EventType.PersistentWatchRemoved => "PersistentWatchRemoved",
        _ => type.ToString(),
    };
}
