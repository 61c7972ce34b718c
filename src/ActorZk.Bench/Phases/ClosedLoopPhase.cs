using System.Collections.Concurrent;
using System.Diagnostics;
using ActorZk.Bench.Engine;
using ActorZk.Bench.Metrics;
using ActorZk.Protocol;

namespace ActorZk.Bench.Phases;

/// <summary>
/// A closed loop: every session keeps <c>outstanding</c> requests in flight and starts the next one of a slot as soon
/// as the slot's reply arrives, until its op budget is spent or the time limit has passed; then it drains.
/// </summary>
/// <remarks>
/// The loop runs inside the sessions' receive loops (<see cref="ISessionHandler"/>), so a reply and the request it
/// triggers cost no thread hop and no allocation. Bounded twice: by op count (the budgets) and by time (no new
/// request after the time limit, and in-flight requests still unanswered at the hard timeout are counted as
/// <see cref="ErrorCode.OperationTimeout"/> and their sessions dropped).
/// </remarks>
internal sealed class ClosedLoopPhase : ISessionHandler, IPhase
{
    private readonly IReadOnlyList<BenchSession> sessions;
    private readonly IRequestSource source;
    private readonly int outstanding;
    private readonly TimeSpan timeLimit;
    private readonly TimeSpan hardTimeout;
    private readonly bool measureLatency;
    private readonly SessionLoad[] loads;
    private readonly TaskCompletionSource allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> failures = new();
    private readonly double nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly CancellationToken stop;
    private long deadline;
    private int remaining;

    /// <param name="sessions">The sessions, indexed by <see cref="BenchSession.Index"/>.</param>
    /// <param name="source">The workload.</param>
    /// <param name="budgets">Requests each session may start (by session index).</param>
    /// <param name="outstanding">Requests in flight per session.</param>
    /// <param name="timeLimit">No request starts after this time.</param>
    /// <param name="hardTimeout">Requests unanswered after this time are given up.</param>
    /// <param name="measureLatency">False for setup and cleanup, whose latency nobody reads.</param>
    /// <param name="stop">Once cancelled (Ctrl-C), no new request starts and the phase drains.</param>
    public ClosedLoopPhase(
        IReadOnlyList<BenchSession> sessions,
        IRequestSource source,
        IReadOnlyList<long> budgets,
        int outstanding,
        TimeSpan timeLimit,
        TimeSpan hardTimeout,
        bool measureLatency,
        CancellationToken stop = default)
    {
        this.stop = stop;
        this.sessions = sessions;
        this.source = source;
        this.outstanding = outstanding;
        this.timeLimit = timeLimit;
        this.hardTimeout = hardTimeout;
        this.measureLatency = measureLatency;
        loads = new SessionLoad[sessions.Count];
        for (var i = 0; i < loads.Length; i++)
        {
            loads[i] = new SessionLoad { Budget = budgets[i] };
        }
    }

    /// <inheritdoc />
    public long CompletedOps
    {
        get
        {
            long total = 0;
            foreach (var load in loads)
            {
                total += load.Completed;
            }

            return total;
        }
    }

    /// <summary>Splits <paramref name="ops"/> over <paramref name="sessions"/> as evenly as possible.</summary>
    public static long[] SplitBudget(long ops, int sessions)
    {
        var budgets = new long[sessions];
        for (var i = 0; i < sessions; i++)
        {
            budgets[i] = (ops / sessions) + (i < ops % sessions ? 1 : 0);
        }

        return budgets;
    }

    /// <summary>Runs the phase to its end and returns what it measured.</summary>
    public async Task<PhaseResult> RunAsync()
    {
        remaining = sessions.Count;
        var start = Stopwatch.GetTimestamp();
        deadline = start + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);
        foreach (var session in sessions)
        {
            session.SetHandler(this);
        }

        foreach (var session in sessions)
        {
            session.RunLocked(static (s, phase) => phase.Start(s), this);
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
            foreach (var session in sessions)
            {
                session.RunLocked(static (s, phase) => phase.GiveUp(s), this);
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
            end = Math.Max(end, load.EndTimestamp);
        }

        return new PhaseResult(ops, Stopwatch.GetElapsedTime(start, end), latency, errors, [.. failures]);
    }

    /// <inheritdoc />
    public void OnReply(BenchSession session, in PendingRequest request, ErrorCode err, ReadOnlySpan<byte> body, long timestamp)
    {
        var load = loads[session.Index];
        load.InFlight--;
        load.AddCompleted();
        if (measureLatency)
        {
            load.Latency.Record((long)((timestamp - request.StartTimestamp) * nanosecondsPerTick));
        }

        var outcome = source.OnReply(session, request.Tag, request.Op, err, body);
        if (outcome != ErrorCode.Ok && !source.IsExpected(request.Op, outcome))
        {
            load.Errors.Add(outcome);
        }

        if (!TryIssue(session, load, request.Tag, timestamp) && load.InFlight == 0)
        {
            MarkDone(load, timestamp);
        }
    }

    /// <inheritdoc />
    public void OnNotification(BenchSession session, EventType type, ReadOnlySpan<byte> path, long timestamp)
    {
        // No closed-loop workload sets watches; a stray event is not an operation.
    }

    /// <inheritdoc />
    public void OnClosed(BenchSession session, int lostRequests, Exception? reason)
    {
        var load = loads[session.Index];
        if (load.Done)
        {
            return;
        }

        load.Errors.Add(ErrorCode.ConnectionLoss, lostRequests);
        load.InFlight = 0;
        failures.Enqueue($"session {session.Index} (0x{session.SessionId:x}) on {session.Server}: {reason?.Message ?? "connection closed"}");
        MarkDone(load, Stopwatch.GetTimestamp());
    }

    private void Start(BenchSession session)
    {
        var load = loads[session.Index];
        if (session.IsClosed)
        {
            failures.Enqueue($"session {session.Index} on {session.Server} was closed before the phase started");
            MarkDone(load, Stopwatch.GetTimestamp());
            return;
        }

        var now = Stopwatch.GetTimestamp();
        for (var slot = 0; slot < outstanding; slot++)
        {
            if (!TryIssue(session, load, slot, now))
            {
                break;
            }
        }

        if (load.InFlight == 0)
        {
            MarkDone(load, now);
        }
    }

    private bool TryIssue(BenchSession session, SessionLoad load, int slot, long now)
    {
        if (load.Done || load.Issued >= load.Budget || now >= deadline || stop.IsCancellationRequested || !source.Issue(session, slot))
        {
            return false;
        }

        load.Issued++;
        load.InFlight++;
        return true;
    }

    private void GiveUp(BenchSession session)
    {
        var load = loads[session.Index];
        if (load.Done)
        {
            return;
        }

        load.Errors.Add(ErrorCode.OperationTimeout, load.InFlight);
        failures.Enqueue($"session {session.Index} on {session.Server}: {load.InFlight} requests unanswered after {hardTimeout.TotalSeconds:0} s");
        load.InFlight = 0;
        MarkDone(load, Stopwatch.GetTimestamp());

        // Late replies must not reach the next phase's handler: this session is dropped.
        session.Abort();
    }

    private void MarkDone(SessionLoad load, long timestamp)
    {
        if (load.Done)
        {
            return;
        }

        load.Done = true;
        load.EndTimestamp = timestamp;
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            allDone.TrySetResult();
        }
    }
}
