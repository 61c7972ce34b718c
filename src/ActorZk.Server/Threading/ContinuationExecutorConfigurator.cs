using Akka.Configuration;
using Akka.Dispatch;

namespace ActorZk.Server.Threading;

/// <summary>
/// Akka's entry point for <see cref="ContinuationExecutor"/>: a dispatcher whose <c>executor</c> names this type
/// (hocon/actorzk.conf) runs on it.
/// </summary>
internal sealed class ContinuationExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites)
    : ExecutorServiceConfigurator(config, prerequisites)
{
    public override ExecutorService Produce(string id) => new ContinuationExecutor(id);
}
