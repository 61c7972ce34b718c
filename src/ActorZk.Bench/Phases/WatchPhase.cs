using System.Collections.Concurrent;
using System.Diagnostics;
using ActorZk.Bench.Engine;
using ActorZk.Bench.Metrics;
using ActorZk.Protocol;

namespace ActorZk.Bench.Phases;

/// <summary>
/// Measures watch latency: the time from a setData by one session to the arrival of the NodeDataChanged event at
/// another. Sessions 0..P-1 are watchers and P..2P-1 writers; pair i cycles each of its slots through
/// getData(watch) on watcher i, then setData on writer i, then the event at watcher i, which is the measured op.
/// </summary>
/// <remarks>
/// The watcher's reply handler sends the writer's setData directly (lock order watcher then writer, never the
/// reverse, so the two locks cannot deadlock). Bounded like <see cref="ClosedLoopPhase"/>: events per pair, a
/// time limit after which no watch is re-armed, and a hard timeout.
/// </remarks>
internal sealed class WatchPhase : ISessionHandler, IPhase
{
    private readonly IReadOnlyList<BenchSession> sessions;
    private readonly int pairs;
    private readonly int slots;
    private readonly WatchPair[] state;
    private readonly SessionLoad[] loads;
    private readonly byte[][][] paths;
    private readonly byte[] payload;
    private readonly TimeSpan timeLimit;
    private readonly TimeSpan hardTimeout;
    private readonly TaskCompletionSource allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> failures = new();
    private readonly double nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly CancellationToken stop;
    private long deadline;
    private int remaining;

    /// <param name="sessions">2 x pairs sessions: watchers first, then writers.</param>
    /// <param name="slots">Watched nodes per pair (the run's <c>--outstanding</c>).</param>
    /// <param name="budgets">Events to measure per pair.</param>
    /// <param name="pathOf">The UTF-8 path of (pair, slot); must end in the slot number.</param>
    /// <param name="payload">The data each setData writes.</param>
    /// <param name="timeLimit">No watch is re-armed after this time.</param>
    /// <param name="hardTimeout">Watches still pending after this time are given up.</param>
    /// <param name="stop">Once cancelled (Ctrl-C), no watch is re-armed and the phase drains.</param>
    public WatchPhase(
        IReadOnlyList<BenchSession> sessions,
        int slots,
        IReadOnlyList<long> budgets,
        Func<int, int, byte[]> pathOf,
        byte[] payload,
        TimeSpan timeLimit,
        TimeSpan hardTimeout,
        CancellationToken stop = default)
    {
        this.stop = stop;
        if (sessions.Count % 2 != 0)
        {
            throw new ArgumentException("the watch phase needs watcher and writer sessions in equal numbers", nameof(sessions));
        }

        this.sessions = sessions;
        pairs = sessions.Count / 2;
        this.slots = slots;
        this.payload = payload;
        this.timeLimit = timeLimit;
        this.hardTimeout = hardTimeout;
        state = new WatchPair[pairs];
        paths = new byte[pairs][][];
        for (var i = 0; i < pairs; i++)
        {
            state[i] = new WatchPair(slots, budgets[i]);

            // Paths are made once here so the cycle itself never formats one.
            paths[i] = new byte[slots][];
            for (var k = 0; k < slots; k++)
            {
                paths[i][k] = pathOf(i, k);
            }
        }

        loads = new SessionLoad[sessions.Count];
        for (var i = 0; i < loads.Length; i++)
        {
            loads[i] = new SessionLoad();
        }
    }

    /// <inheritdoc />
    public long CompletedOps
    {
        get
        {
            long total = 0;
            for (var i = 0; i < pairs; i++)
            {
                total += loads[i].Completed;
            }

            return total;
        }
    }

    /// <summary>Runs the phase to its end and returns what it measured (ops are events).</summary>
    public async Task<PhaseResult> RunAsync()
    {
        remaining = pairs;
        var start = Stopwatch.GetTimestamp();
        deadline = start + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);
        foreach (var session in sessions)
        {
            session.SetHandler(this);
        }

        for (var i = 0; i < pairs; i++)
        {
            sessions[i].RunLocked(static (s, phase) => phase.Start(s), this);
        }

        bool finished;
        using (var timeout = new CancellationTokenSource())
        {
            // The timer is cancelled once the phase ends, so a long hard timeout leaves nothing behind.
            finished = await Task.WhenAny(allDone.Task, Task.Delay(hardTimeout, timeout.Token)) == allDone.Task;
            await timeout.CancelAsync();
        }

        if (!finished)
        {
            for (var i = 0; i < pairs; i++)
            {
                sessions[i].RunLocked(static (s, phase) => phase.GiveUp(s.Index), this);
            }
        }

        foreach (var session in sessions)
        {
            session.SetHandler(null);
        }

        var latency = new LatencyHistogram();
        var errors = new ErrorCounter();
        long ops = 0;
        var end = start;
        foreach (var load in loads)
        {
            latency.Add(load.Latency);
            errors.Add(load.Errors);
            ops += load.Completed;
        }

        foreach (var pair in state)
        {
            end = Math.Max(end, pair.EndTimestamp);
        }

        return new PhaseResult(ops, Stopwatch.GetElapsedTime(start, end), latency, errors, [.. failures]);
    }

    /// <inheritdoc />
    public void OnReply(BenchSession session, in PendingRequest request, ErrorCode err, ReadOnlySpan<byte> body, long timestamp)
    {
        var index = session.Index;
        var slot = request.Tag;
        if (index < pairs)
        {
            // The watch is armed: now change the node from the other session.
            if (err != ErrorCode.Ok)
            {
                loads[index].Errors.Add(err);
                EndSlot(index, timestamp);
                return;
            }

            var pair = state[index];
            var writer = sessions[index + pairs];
            pair.SetTimestamps[slot] = Stopwatch.GetTimestamp();
            if (writer.SetData(paths[index][slot], payload, -1, slot))
            {
                writer.Flush();
            }
            else
            {
                loads[index + pairs].Errors.Add(ErrorCode.ConnectionLoss);
                EndSlot(index, timestamp);
            }

            return;
        }

        // A writer's setData reply: the event, not this reply, is what is measured.
        if (err != ErrorCode.Ok)
        {
            loads[index].Errors.Add(err);
            EndSlot(index - pairs, timestamp);
        }
    }

    /// <inheritdoc />
    public void OnNotification(BenchSession session, EventType type, ReadOnlySpan<byte> path, long timestamp)
    {
        var index = session.Index;
        var slot = ZnodePath.TrailingNumber(path);
        if (index >= pairs || type != EventType.NodeDataChanged || slot < 0 || slot >= slots)
        {
            // Only watchers watch, and only data changes of their own nodes; anything else is a server bug worth showing.
            loads[index].Errors.Add(ErrorCode.MarshallingError);
            return;
        }

        var load = loads[index];
        var pair = state[index];
        load.AddCompleted();
        load.Latency.Record((long)((timestamp - pair.SetTimestamps[slot]) * nanosecondsPerTick));
        if (pair.Issued < pair.Budget && timestamp < deadline && !stop.IsCancellationRequested && session.GetData(paths[index][slot], true, (int)slot))
        {
            pair.Issued++;
            return;
        }

        EndSlot(index, timestamp);
    }

    /// <inheritdoc />
    public void OnClosed(BenchSession session, int lostRequests, Exception? reason)
    {
        var index = session.Index;
        var pairIndex = index < pairs ? index : index - pairs;
        var active = state[pairIndex].EndAll();
        if (active == 0)
        {
            return;
        }

        loads[index].Errors.Add(ErrorCode.ConnectionLoss, Math.Max(active, lostRequests));
        failures.Enqueue($"session {index} (0x{session.SessionId:x}) on {session.Server}: {reason?.Message ?? "connection closed"}");
        PairDone(pairIndex, Stopwatch.GetTimestamp());
    }

    private void Start(BenchSession watcher)
    {
        var index = watcher.Index;
        var pair = state[index];
        for (var slot = 0; slot < slots && pair.Issued < pair.Budget; slot++)
        {
            if (!watcher.GetData(paths[index][slot], true, slot))
            {
                break;
            }

            pair.Issued++;
            pair.SlotStarted();
        }

        if (pair.Active == 0)
        {
            if (pair.Budget > 0)
            {
                failures.Enqueue($"watcher session {index} on {watcher.Server} was closed before the phase started");
            }

            pair.EndTimestamp = Stopwatch.GetTimestamp();
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                allDone.TrySetResult();
            }
        }
    }

    private void EndSlot(int pairIndex, long timestamp)
    {
        if (state[pairIndex].SlotEnded())
        {
            PairDone(pairIndex, timestamp);
        }
    }

    private void PairDone(int pairIndex, long timestamp)
    {
        state[pairIndex].EndTimestamp = timestamp;
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            allDone.TrySetResult();
        }
    }

    private void GiveUp(int pairIndex)
    {
        var active = state[pairIndex].EndAll();
        if (active == 0)
        {
            return;
        }

        loads[pairIndex].Errors.Add(ErrorCode.OperationTimeout, active);
        failures.Enqueue($"pair {pairIndex}: {active} watches still pending after {hardTimeout.TotalSeconds:0} s");
        PairDone(pairIndex, Stopwatch.GetTimestamp());
        sessions[pairIndex].Abort();
        sessions[pairIndex + pairs].Abort();
    }
}
