namespace ActorZk.Client.Engine;

/// <summary>One entry of the event dispatcher's queue: an event for some watchers, a state change, or a completion.</summary>
internal readonly struct DispatchItem
{
    private DispatchItem(WatchedEvent? watchedEvent, List<IWatcher>? watchers, IPendingRequest? completion, ConnectionStateChangedEventArgs? stateChange, TaskCompletionSource? signal = null)
    {
        Event = watchedEvent;
        Watchers = watchers;
        Completion = completion;
        StateChange = stateChange;
        Signal = signal;
    }

    /// <summary>The event to deliver, if any.</summary>
    public WatchedEvent? Event { get; }

    /// <summary>The watchers to deliver <see cref="Event"/> to.</summary>
    public List<IWatcher>? Watchers { get; }

    /// <summary>A request to complete, if any.</summary>
    public IPendingRequest? Completion { get; }

    /// <summary>A task to complete in order with the events (the end of ConnectAsync), if any.</summary>
    public TaskCompletionSource? Signal { get; }

    /// <summary>A state change to raise on <see cref="ZooKeeperClient.StateChanged"/> before calling the watchers, if any.</summary>
    public ConnectionStateChangedEventArgs? StateChange { get; }

    /// <summary>An event for <paramref name="watchers"/>.</summary>
    public static DispatchItem ForEvent(WatchedEvent watchedEvent, List<IWatcher> watchers) => new(watchedEvent, watchers, null, null);

    /// <summary>A state change, with the event its watchers receive.</summary>
    public static DispatchItem ForStateChange(ConnectionStateChangedEventArgs change, WatchedEvent? watchedEvent, List<IWatcher> watchers)
        => new(watchedEvent, watchers, null, change);

    /// <summary>The completion of <paramref name="signal"/>, after the items posted before it.</summary>
    public static DispatchItem ForSignal(TaskCompletionSource signal) => new(null, null, null, null, signal);

    /// <summary>The completion of <paramref name="request"/>.</summary>
    public static DispatchItem ForCompletion(IPendingRequest request) => new(null, null, request, null);
}
