namespace ActorZk.Client;

/// <summary>
/// Receives watch notifications and connection-state changes of a <see cref="ZooKeeperClient"/>.
/// </summary>
/// <remarks>
/// <para>
/// All watchers of a client are called one at a time, in the order the events happened, on the client's event
/// dispatcher; a request's task completes only after the watchers of every event that arrived before its reply have
/// returned. <see cref="Process"/> must therefore return quickly and must not wait synchronously for another request of
/// the same client (start it and let it complete later instead).
/// </para>
/// <para>
/// Watchers are kept in sets, compared with <see cref="object.Equals(object?)"/>: registering the same watcher twice for
/// the same path and kind is one registration, and one event reaches a watcher once even when it is registered on the
/// path in several ways.
/// </para>
/// </remarks>
public interface IWatcher
{
    /// <summary>Handles one event. Exceptions are caught and reported to <see cref="ZooKeeperClientOptions.WatcherExceptionHandler"/>.</summary>
    /// <param name="watchedEvent">The event.</param>
    void Process(WatchedEvent watchedEvent);
}
