using Akka.Dispatch;

namespace ActorZk.Server.Threading;

/// <summary>
/// Akka's thread-pool executor, except that a mailbox scheduled from a running mailbox (or another
/// <see cref="WorkerContinuation"/> item) runs on that thread right after it, without waking a worker.
/// </summary>
internal sealed class ContinuationExecutor(string id) : ExecutorService(id)
{
    public override void Execute(IRunnable run) => WorkerContinuation.Schedule(run);

    public override void Shutdown()
    {
        // The thread pool is shared: nothing to stop.
    }
}
