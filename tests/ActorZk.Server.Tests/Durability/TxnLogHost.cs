using ActorZk.Core;
using ActorZk.Server.Configuration;
using ActorZk.Server.Storage;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.TestKit.Xunit2;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// One "process lifetime" of a txn log on a dataDir: the store opened and locked as the server does
/// (<see cref="StorageSetup"/>), an actor system configured as in ZkServer, and a TestKit whose test actor
/// plays the peer. Disposing it ends the actor system and releases the dataDir, as a process exit would.
/// </summary>
internal sealed class TxnLogHost : IDisposable
{
    private readonly StorageSetup storage;

    public TxnLogHost(string dataDir, CapturingLogger logger)
    {
        Logger = logger;
        storage = StorageSetup.Open(new ServerConfig { DataDir = dataDir });
        // The server's HOCON, quieter: each restart would print Akka's shutdown notice into the test output.
        var hocon = ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(StorageSetup.LoadHocon("actorzk.conf"))
            .WithFallback(storage.Hocon);
        var system = ActorSystem.Create("txnlog", BootstrapSetup.Create().WithConfig(hocon).And(storage.DataOptions));
        Kit = new TestKit(system);
    }

    public TestKit Kit { get; }

    public CapturingLogger Logger { get; }

    public static CoreOptions Options { get; } = new();

    /// <summary>Starts the txn log actor with the test actor as its peer; recovery begins at once.</summary>
    public IActorRef StartLog(TimeSpan purgeInterval = default, int snapRetainCount = 3)
        => Kit.Sys.ActorOf(TxnLogActor.Props(Kit.TestActor, Options, snapRetainCount, purgeInterval, Logger), "txnlog");

    public LogRecovered ExpectRecovered() => Kit.ExpectMsg<LogRecovered>(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        // TestKit.Dispose shuts the actor system down (bounded by the TestKit's shutdown timeout).
        Kit.Dispose();
        storage.Dispose();
    }
}
