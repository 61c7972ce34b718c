using ActorZk.Protocol;

namespace ActorZk.Client;

/// <summary>
/// A notification delivered to an <see cref="IWatcher"/>: a znode change (<see cref="Type"/> is not
/// <see cref="EventType.None"/>, <see cref="Path"/> is the client path), a change of the connection state
/// (<see cref="Type"/> is <see cref="EventType.None"/>, <see cref="Path"/> is <see langword="null"/>), or the removal
/// of a watch.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="State">The session state when it happened.</param>
/// <param name="Path">The znode's path relative to the chroot, or <see langword="null"/> for a state change.</param>
/// <param name="Zxid">The zxid the server sent with the notification (-1 when unknown: state changes, older servers).</param>
public sealed record WatchedEvent(EventType Type, KeeperState State, string? Path, long Zxid = -1)
{
    /// <inheritdoc />
    public override string ToString() => $"WatchedEvent state:{State} type:{Type} path:{Path} zxid:{Zxid}";
}
