namespace ActorZk.Client.Tests.Infrastructure;

/// <summary>Records a client's <see cref="ZooKeeperClient.StateChanged"/> events and waits for states (bounded).</summary>
public sealed class StateRecorder
{
    private readonly List<ConnectionState> states = [];
    private readonly Lock sync = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Subscribes to <paramref name="client"/>.</summary>
    /// <param name="client">The client.</param>
    public StateRecorder(ZooKeeperClient client)
    {
        client.StateChanged += (_, e) =>
        {
            TaskCompletionSource toSignal;
            lock (sync)
            {
                states.Add(e.NewState);
                toSignal = changed;
                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            toSignal.TrySetResult();
        };
    }

    /// <summary>The states entered so far.</summary>
    public IReadOnlyList<ConnectionState> States
    {
        get
        {
            lock (sync)
            {
                return [.. states];
            }
        }
    }

    /// <summary>Waits until <paramref name="state"/> has been entered (at least <paramref name="times"/> times).</summary>
    /// <param name="state">The state.</param>
    /// <param name="times">How many times.</param>
    /// <param name="timeout">The bound (default 15 s).</param>
    /// <returns>A task.</returns>
    public async Task WaitForAsync(ConnectionState state, int times = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task next;
            lock (sync)
            {
                if (states.Count(s => s == state) >= times)
                {
                    return;
                }

                next = changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"State {state} x{times} not reached; states: {string.Join(", ", States)}");
            }

            try
            {
                await next.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Re-check, then fail above.
            }
        }
    }
}
