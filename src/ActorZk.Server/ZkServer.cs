using System.Net;
using ActorZk.Server.Admin;
using ActorZk.Server.Configuration;
using ActorZk.Server.Network;
using ActorZk.Server.Quorum;
using ActorZk.Server.Replication;
using ActorZk.Server.Storage;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server;

/// <summary>
/// One running ActorZk member: the actor system with its peer actor, and the client gateway.
/// Start fails as a whole (nothing left running) when a part cannot start.
/// </summary>
public sealed class ZkServer : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly ClientGateway gateway;
    private readonly AdminHttpServer? admin;

    private ZkServer(ServerConfig config, ActorSystem system, IActorRef peer, ClientGateway gateway, AdminHttpServer? admin)
    {
        Config = config;
        this.system = system;
        Peer = peer;
        this.gateway = gateway;
        this.admin = admin;
    }

    public ServerConfig Config { get; }

    public IActorRef Peer { get; }

    /// <summary>Where clients connect (the real port when clientPort was 0).</summary>
    public IPEndPoint ClientEndPoint => gateway.LocalEndPoint;

    /// <summary>Where the AdminServer listens; null when it is disabled or its port could not be bound.</summary>
    public IPEndPoint? AdminEndPoint => admin?.LocalEndPoint;

    /// <summary>Completes when the actor system has terminated.</summary>
    public Task WhenTerminated => system.WhenTerminated;

    /// <summary>The process exit code the shutdown asked for (non-zero when the txn log failed).</summary>
    public int ExitCode => CoordinatedShutdown.Get(system).ShutdownReason?.ExitCode ?? 0;

    public static ZkServer Start(ServerConfig config, ILoggerFactory loggerFactory, string? hoconOverride = null)
    {
        var logger = loggerFactory.CreateLogger("ActorZk");
        Directory.CreateDirectory(config.DataDir);
        var storage = StorageSetup.Open(config);
        logger.LogInformation("Txn log and snapshots: {Storage}", storage.Description);
        EnsembleContext? ensemble = null;
        Config hocon;
        try
        {
            if (config.IsStandalone)
            {
                hocon = LoadHocon(hoconOverride).WithFallback(storage.Hocon);
            }
            else
            {
                // Quorum mode: remoting on this member's quorum port, the voters as seed nodes (ClusterSetup).
                ensemble = ClusterSetup.Ensemble(config, EpochStore.Open(config.DataDir));
                hocon = ClusterSetup.Build(config, hoconOverride, storage.Hocon);
                logger.LogInformation(
                    "Server {Id} of an ensemble of {Voters} voters and {Observers} observers; quorum traffic on {Address}",
                    config.MyId,
                    ensemble.Quorum.Voters.Count,
                    ensemble.Quorum.Observers.Count,
                    ensemble.Addresses[config.MyId]);
            }
        }
        catch
        {
            storage.Dispose();
            throw;
        }

        var system = ActorSystem.Create(ClusterSetup.SystemName, BootstrapSetup.Create().WithConfig(hocon).And(storage.DataOptions));
        system.WhenTerminated.ContinueWith(_ => storage.Dispose(), TaskScheduler.Default);
        try
        {
            var connections = new ConnectionRegistry();
            var peer = system.ActorOf(
                PeerActor.Props(config, connections, loggerFactory.CreateLogger("ActorZk.Peer"), durable: true, ensemble)
                    .WithDispatcher("actorzk.peer-dispatcher"),
                EnsembleContext.PeerActorName);
            var address = config.ClientPortAddress is null ? IPAddress.Any : ListenAddress.Resolve(config.ClientPortAddress, "clientPortAddress");
            var gateway = new ClientGateway(
                new IPEndPoint(address, config.ClientPort),
                peer,
                config.MaxClientCnxns,
                config.JuteMaxBuffer,
                config.FourLetterWords.Contains,
                connections,
                loggerFactory.CreateLogger("ActorZk.Gateway"));
            gateway.Start();

            // Another server on this PostgreSQL log (after this one's lock session ended) means two writers: stop,
            // as when the log itself fails, before anything more is acknowledged.
            storage.WatchLogLock(reason =>
            {
                logger.LogCritical("Lost the txn log's lock: {Reason}; shutting the server down", reason);
                CoordinatedShutdown.Get(system).Run(TxnLogFailedReason.Instance);
            });
            // As in ZooKeeper, an AdminServer that cannot bind its port is logged and the server runs without it.
            AdminHttpServer? admin = null;
            if (config.AdminEnableServer)
            {
                admin = new AdminHttpServer(config, peer, loggerFactory.CreateLogger("ActorZk.Admin"));
                if (!admin.TryStart())
                {
                    admin = null;
                }
            }

            return new ZkServer(config, system, peer, gateway, admin);
        }
        catch
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        if (admin is not null)
        {
            await admin.DisposeAsync();
        }

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
    }

    private static Config LoadHocon(string? hoconOverride)
    {
        var defaults = StorageSetup.LoadHocon("actorzk.conf");
        return hoconOverride is null ? defaults : ConfigurationFactory.ParseString(hoconOverride).WithFallback(defaults);
    }
}
