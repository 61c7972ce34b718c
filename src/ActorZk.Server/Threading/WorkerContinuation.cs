namespace ActorZk.Server.Threading;

/// <summary>
/// Lets a thread-pool work item hand the next piece of work to its own thread: the first item it schedules runs on
/// the same thread right after it ends, instead of waking a parked worker that usually finds nothing left to do.
/// </summary>
/// <remarks>
/// On the .NET thread pool every queued item requests a worker. Along a write's path (socket, peer actor, txn log
/// actor, log commit, peer actor, reply) each step queues the next one, the worker that queued it runs it a moment
/// later, and the worker that was woken parks again: two context switches per step for nothing.
/// Only the first item an item schedules is kept back; later ones go to the pool as before, so work that piles up
/// still spreads over the workers. A chain is cut after <see cref="ChainLimit"/> items, so that one thread never
/// keeps a ping-pong of two actors to itself.
/// </remarks>
internal static class WorkerContinuation
{
    /// <summary>Items run back to back on one thread before the next one goes to the pool.</summary>
    public const int ChainLimit = 32;

    // This thread's chain, kept between runs; Active while one runs (chains never nest).
    [ThreadStatic]
    private static Chain? chain;

    /// <summary>
    /// Runs <paramref name="item"/> after the work item running on this thread, if that one runs through
    /// <see cref="Run"/> and has kept nothing back yet; otherwise queues it to the thread pool (through
    /// <see cref="Run"/>, so that it may keep back the next one in turn).
    /// </summary>
    public static void Schedule(IThreadPoolWorkItem item)
    {
        if (chain is { Active: true, Next: null } running && running.Length < ChainLimit)
        {
            running.Next = item;
            return;
        }

        ToPool(item);
    }

    /// <summary>
    /// Hands what the running item kept back to the thread pool: the caller is about to block (an fsync), and what
    /// it scheduled so far should not wait for that.
    /// </summary>
    public static void Release()
    {
        if (chain is { Active: true, Next: { } next } running)
        {
            running.Next = null;
            ToPool(next);
        }
    }

    /// <summary>Runs <paramref name="item"/>, then whatever it and its successors kept back, on this thread.</summary>
    public static void Run(IThreadPoolWorkItem item) => RunHere(static item => item.Execute(), item);

    /// <summary>
    /// Runs <paramref name="action"/> on this thread as a chain's first item (any thread, not only a pool worker):
    /// the first item it schedules, and that item's first, and so on, run here right after it.
    /// </summary>
    public static void RunHere<TState>(Action<TState> action, TState state)
    {
        var running = chain ??= new Chain();
        if (running.Active)
        {
            // Already inside a chain (an item that runs another one directly): that chain runs the successors.
            action(state);
            return;
        }

        running.Active = true;
        running.Length = 0;
        try
        {
            action(state);
            while (running.Next is { } next)
            {
                running.Next = null;
                running.Length++;
                next.Execute();
            }
        }
        finally
        {
            running.Active = false;
            if (running.Next is { } left)
            {
                // Only after a throwing item: what it kept back must still run.
                running.Next = null;
                ToPool(left);
            }
        }
    }

    // Into this worker's local queue (or the global one from other threads), run as a chain of its own.
    private static void ToPool(IThreadPoolWorkItem item) =>
        ThreadPool.UnsafeQueueUserWorkItem(static item => Run(item), item, preferLocal: true);

    private sealed class Chain
    {
        public bool Active;
        public IThreadPoolWorkItem? Next;
        public int Length;
    }
}
