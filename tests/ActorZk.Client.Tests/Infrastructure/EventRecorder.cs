using ActorZk.Protocol;

namespace ActorZk.Client.Tests.Infrastructure;

/// <summary>A watcher that records the events it receives and lets a test wait for them (bounded).</summary>
public sealed class EventRecorder : IWatcher
{
    private readonly List<WatchedEvent> events = [];
    private readonly Lock sync = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Optional work done inside <see cref="Process"/>, on the dispatcher (to test ordering).</summary>
    public Action<WatchedEvent>? OnEvent { get; init; }

    /// <summary>A snapshot of the events so far.</summary>
    public IReadOnlyList<WatchedEvent> Events
    {
        get
        {
            lock (sync)
            {
                return [.. events];
            }
        }
    }

    /// <summary>The node events so far (state changes left out).</summary>
    public IReadOnlyList<WatchedEvent> NodeEvents => [.. Events.Where(e => e.Type != EventType.None)];

    /// <inheritdoc />
    public void Process(WatchedEvent watchedEvent)
    {
        OnEvent?.Invoke(watchedEvent);
        TaskCompletionSource toSignal;
        lock (sync)
        {
            events.Add(watchedEvent);
            toSignal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        toSignal.TrySetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the recorded events.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">The bound (default 10 s).</param>
    /// <returns>The events when it held.</returns>
    /// <exception cref="TimeoutException">It did not hold in time.</exception>
    public async Task<IReadOnlyList<WatchedEvent>> WaitForAsync(Func<IReadOnlyList<WatchedEvent>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task next;
            IReadOnlyList<WatchedEvent> snapshot;
            lock (sync)
            {
                snapshot = [.. events];
                next = changed.Task;
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Condition not met; events: {string.Join(", ", snapshot)}");
            }

            try
            {
                await next.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Re-check once more, then fail above.
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> node events were recorded.</summary>
    /// <param name="count">The number of node events.</param>
    /// <param name="timeout">The bound.</param>
    /// <returns>The node events.</returns>
    public async Task<IReadOnlyList<WatchedEvent>> WaitForNodeEventsAsync(int count, TimeSpan? timeout = null)
    {
        await WaitForAsync(e => e.Count(x => x.Type != EventType.None) >= count, timeout);
        return NodeEvents;
    }

    /// <summary>Waits for an event of <paramref name="type"/> (and <paramref name="state"/> when given).</summary>
    /// <param name="type">The event type.</param>
    /// <param name="state">The keeper state, or null for any.</param>
    /// <param name="timeout">The bound.</param>
    /// <returns>The event.</returns>
    public async Task<WatchedEvent> WaitForAsync(EventType type, KeeperState? state = null, TimeSpan? timeout = null)
    {
        var events = await WaitForAsync(e => e.Any(x => x.Type == type && (state is null || x.State == state)), timeout);
        return events.First(x => x.Type == type && (state is null || x.State == state));
    }
}
