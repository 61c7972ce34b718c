using System.Net;
using ActorZk.Server.Configuration;
using ActorZk.Server.Network;
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

    private ZkServer(ServerConfig config, ActorSystem system, IActorRef peer, ClientGateway gateway)
    {
        Config = config;
        this.system = system;
        Peer = peer;
        this.gateway = gateway;
    }

    public ServerConfig Config { get; }

    public IActorRef Peer { get; }

    /// <summary>Where clients connect (the real port when clientPort was 0).</summary>
    public IPEndPoint ClientEndPoint => gateway.LocalEndPoint;

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
        var ensemble = config.IsStandalone ? null : TemporaryEnsembleSetup(config);
        var hocon = LoadHocon(hoconOverride, ensemble?.Hocon).WithFallback(storage.Hocon);
        var system = ActorSystem.Create("actorzk", BootstrapSetup.Create().WithConfig(hocon).And(storage.DataOptions));
        system.WhenTerminated.ContinueWith(_ => storage.Dispose(), TaskScheduler.Default);
        try
        {
            var connections = new ConnectionRegistry();
            var peer = system.ActorOf(
                PeerActor.Props(config, connections, loggerFactory.CreateLogger("ActorZk.Peer"), durable: true, ensemble?.Context)
                    .WithDispatcher("actorzk.peer-dispatcher"),
                "peer");
            var address = config.ClientPortAddress is null ? IPAddress.Any : ParseAddress(config.ClientPortAddress);
            var gateway = new ClientGateway(
                new IPEndPoint(address, config.ClientPort),
                peer,
                config.MaxClientCnxns,
                config.JuteMaxBuffer,
                config.FourLetterWords.Contains,
                connections,
                loggerFactory.CreateLogger("ActorZk.Gateway"));
            gateway.Start();
            return new ZkServer(config, system, peer, gateway);
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
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
    }

    // Stand-in until the cluster bootstrap lands: remoting on the quorum port, Hyperion for the Zab packets.
    private static (Quorum.EnsembleContext Context, Config Hocon)? TemporaryEnsembleSetup(ServerConfig config)
    {
        var myId = long.Parse(File.ReadAllText(Path.Combine(config.DataDir, "myid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var me = config.Peers.Single(p => p.Id == myId);
        var quorum = Core.Quorum.QuorumConfig.Create(
            config.Peers.Where(p => !p.IsObserver).Select(p => (long)p.Id),
            config.Peers.Where(p => p.IsObserver).Select(p => (long)p.Id));
        var addresses = config.Peers.ToDictionary(p => (long)p.Id, p => new Address("akka.tcp", "actorzk", p.Host, p.QuorumPort));
        var context = new Quorum.EnsembleContext(quorum, myId, addresses, EpochStore.Open(config.DataDir));
        var hocon = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.actor.serializers.hyperion = "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion"
            akka.actor.serialization-bindings { "System.Object" = hyperion }
            akka.remote.dot-netty.tcp { hostname = "{{me.Host}}", port = {{me.QuorumPort}}, maximum-frame-size = 4MiB, send-buffer-size = 4MiB, receive-buffer-size = 4MiB }
            akka.remote.retry-gate-closed-for = 200ms
            """);
        return (context, hocon);
    }

    private static IPAddress ParseAddress(string text)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        var addresses = Dns.GetHostAddresses(text);
        return addresses.Length > 0
            ? addresses[0]
            : throw new ConfigException($"clientPortAddress: cannot resolve '{text}'");
    }

    private static Config LoadHocon(string? hoconOverride, Config? ensembleHocon = null)
    {
        var defaults = StorageSetup.LoadHocon("actorzk.conf");
        if (ensembleHocon is not null)
        {
            defaults = ensembleHocon.WithFallback(defaults);
        }

        return hoconOverride is null ? defaults : ConfigurationFactory.ParseString(hoconOverride).WithFallback(defaults);
    }
}
