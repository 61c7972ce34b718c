namespace ActorZk.Client;

/// <summary>An <see cref="IWatcher"/> that calls a delegate.</summary>
/// <remarks>Each instance is a distinct watcher (reference equality), whatever delegate it wraps.</remarks>
public sealed class Watcher : IWatcher
{
    private readonly Action<WatchedEvent> callback;

    /// <summary>Creates a watcher that calls <paramref name="callback"/>.</summary>
    /// <param name="callback">Called for each event, on the client's event dispatcher.</param>
    public Watcher(Action<WatchedEvent> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        this.callback = callback;
    }

    /// <summary>Creates a watcher that calls <paramref name="callback"/>.</summary>
    /// <param name="callback">Called for each event, on the client's event dispatcher.</param>
    /// <returns>The watcher.</returns>
    public static Watcher Create(Action<WatchedEvent> callback) => new(callback);

    /// <inheritdoc />
    public void Process(WatchedEvent watchedEvent) => callback(watchedEvent);
}
