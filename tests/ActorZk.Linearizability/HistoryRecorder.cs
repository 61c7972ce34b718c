using System.Diagnostics;

namespace ActorZk.Linearizability;

/// <summary>
/// Records a history as concurrent clients run: <see cref="Invoke"/> just before sending a request,
/// <see cref="Complete"/> as soon as its reply arrives (a reply known to have had no effect, such as a ZooKeeper
/// error code, is a normal completion), <see cref="Fail"/> when the outcome is unknown (timeout, connection loss).
/// Thread-safe. Times come from <see cref="Stopwatch"/> and are taken under the recorder's lock, so their order is
/// the order of the calls.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public sealed class HistoryRecorder<TInput, TOutput>
    where TOutput : class
{
    private readonly Lock gate = new();
    private readonly long start = Stopwatch.GetTimestamp();
    private readonly List<Operation<TInput, TOutput>> operations = [];
    private readonly List<bool> done = [];

    /// <summary>Records an invocation.</summary>
    /// <param name="clientId">The client or session issuing it.</param>
    /// <param name="input">The input.</param>
    /// <returns>The operation id to pass to <see cref="Complete"/> or <see cref="Fail"/>.</returns>
    public int Invoke(long clientId, TInput input)
    {
        lock (gate)
        {
            var id = operations.Count;
            operations.Add(new Operation<TInput, TOutput>(id, clientId, input, Now(), null, null));
            done.Add(false);
            return id;
        }
    }

    /// <summary>Records a completion with its output.</summary>
    /// <param name="id">The id from <see cref="Invoke"/>.</param>
    /// <param name="output">The output.</param>
    /// <exception cref="InvalidOperationException">The operation already ended.</exception>
    public void Complete(int id, TOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (gate)
        {
            End(id);
            operations[id] = operations[id] with { Output = output, Return = Math.Max(Now(), operations[id].Call) };
        }
    }

    /// <summary>Records that the operation's outcome is unknown: it may take effect at any later time, or never.</summary>
    /// <param name="id">The id from <see cref="Invoke"/>.</param>
    /// <exception cref="InvalidOperationException">The operation already ended.</exception>
    public void Fail(int id)
    {
        lock (gate)
        {
            End(id);
        }
    }

    /// <summary>The history so far; operations not yet ended are indeterminate.</summary>
    /// <param name="description">Text saved with the history.</param>
    /// <returns>A snapshot.</returns>
    public History<TInput, TOutput> ToHistory(string? description = null)
    {
        lock (gate)
        {
            return new History<TInput, TOutput>([.. operations], description);
        }
    }

    private void End(int id)
    {
        if (done[id])
        {
            throw new InvalidOperationException($"operation {id} already ended");
        }

        done[id] = true;
    }

    private long Now() => Stopwatch.GetElapsedTime(start).Ticks;
}
