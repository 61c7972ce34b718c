using System.Threading.Channels;

namespace ActorZk.Client.Engine;

/// <summary>
/// Delivers watch events and state changes one at a time, in arrival order, and completes requests behind them:
/// a request's task completes only after the watchers of every event received before its reply have returned
/// (ZooKeeper's guarantee that a client sees the event before the data that follows it).
/// </summary>
/// <remarks>
/// The session's read loop is the only producer of ordered items. When nothing is queued, a reply completes its
/// task at once on the read loop (the task runs its continuations asynchronously), so the common path costs no hop.
/// </remarks>
internal sealed class EventDispatcher
{
    private readonly Channel<DispatchItem> queue = Channel.CreateUnbounded<DispatchItem>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Action<ConnectionStateChangedEventArgs> raiseStateChanged;
    private readonly Action<WatchedEvent?, Exception>? onError;
    private readonly Task loop;

    // Items posted and not yet fully processed; zero means every earlier event has been delivered.
    private int queued;

    /// <summary>Starts the dispatcher.</summary>
    /// <param name="raiseStateChanged">Raises the client's StateChanged event.</param>
    /// <param name="onError">Receives exceptions thrown by watchers and handlers.</param>
    public EventDispatcher(Action<ConnectionStateChangedEventArgs> raiseStateChanged, Action<WatchedEvent?, Exception>? onError)
    {
        this.raiseStateChanged = raiseStateChanged;
        this.onError = onError;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the dispatcher has drained its queue after <see cref="Shutdown"/>.</summary>
    public Task Completion => loop;

    /// <summary>Queues an item.</summary>
    /// <param name="item">The item.</param>
    public void Post(DispatchItem item)
    {
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(item))
        {
            // Shut down: nobody will deliver events any more, but a request must still complete.
            Interlocked.Decrement(ref queued);
            item.Completion?.Complete();
            item.Signal?.TrySetResult();
        }
    }

    /// <summary>Completes <paramref name="request"/> now if no event is pending, else after the pending events.</summary>
    /// <param name="request">The request.</param>
    public void Complete(IPendingRequest request)
    {
        if (Volatile.Read(ref queued) == 0)
        {
            request.Complete();
        }
        else
        {
            Post(DispatchItem.ForCompletion(request));
        }
    }

    /// <summary>Stops accepting items; queued ones are still delivered.</summary>
    public void Shutdown() => queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                try
                {
                    Deliver(item);
                }
                finally
                {
                    Interlocked.Decrement(ref queued);
                }
            }
        }
    }

    private void Deliver(in DispatchItem item)
    {
        if (item.Completion is { } completion)
        {
            completion.Complete();
            return;
        }

        if (item.Signal is { } signal)
        {
            signal.TrySetResult();
            return;
        }

        if (item.StateChange is { } change)
        {
            try
            {
                raiseStateChanged(change);
            }
            catch (Exception e)
            {
                Report(item.Event, e);
            }
        }

        if (item.Event is { } watchedEvent && item.Watchers is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                try
                {
                    watcher.Process(watchedEvent);
                }
                catch (Exception e)
                {
                    Report(watchedEvent, e);
                }
            }
        }
    }

    private void Report(WatchedEvent? watchedEvent, Exception exception)
    {
        try
        {
            onError?.Invoke(watchedEvent, exception);
        }
        catch (Exception)
        {
            // The handler itself failed; there is nowhere left to report to, and the dispatcher must keep going.
        }
    }
}
