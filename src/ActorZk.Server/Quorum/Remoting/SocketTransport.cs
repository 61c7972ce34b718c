using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ActorZk.Server.Network;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport;

namespace ActorZk.Server.Quorum.Remoting;

/// <summary>
/// Akka.Remote's transport for the ensemble (akka.remote.actorzk-tcp in hocon/cluster.conf): plain TCP sockets with
/// one reading thread per connection and writes sent on the writer's thread. Akka's own layers stay on top of it
/// (the association handshake, heartbeats, the endpoint reader and writer, quarantine), so members still talk
/// "over Akka.Remote"; only the socket underneath changes. DotNetty, Akka's default, passes every packet through an
/// event loop thread on each side, and on two shared cores each of those thread handoffs costs a context switch
/// (bench/ensemble/findings.md). The scheme stays "tcp", so addresses read akka.tcp://actorzk@host:quorumPort.
/// </summary>
public sealed class SocketTransport : Akka.Remote.Transport.Transport
{
    // The transport of each actor system, so that the member's own actors can reset its connections.
    private static readonly ConditionalWeakTable<ActorSystem, SocketTransport> Transports = new();

    private readonly SocketTransportSettings settings;
    private readonly ILoggingAdapter log;
    private readonly TaskCompletionSource<IAssociationEventListener> associationListener =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<SocketAssociationHandle, byte> handles = new(ReferenceEqualityComparer.Instance);
    private SocketAcceptor? acceptor;
    private int resets;

    /// <summary>Created by Akka.Remote through <c>transport-class</c>, with the transport's HOCON section.</summary>
    public SocketTransport(ActorSystem system, Config config)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        Config = config;
        settings = SocketTransportSettings.Create(config);
        log = Logging.GetLogger(system, typeof(SocketTransport));
        SchemeIdentifier = "tcp";
        MaximumPayloadBytes = settings.MaximumFrameSize;
        Transports.AddOrUpdate(system, this);
    }

    /// <summary>How many times <see cref="ResetConnections"/> closed this transport's connections.</summary>
    internal int Resets => Volatile.Read(ref resets);

    /// <summary>
    /// Closes every quorum connection of <paramref name="system"/>'s transport (the listening socket stays), so that
    /// Akka.Remote tears down those associations and builds new ones on the next message. A last resort for a link
    /// that stopped carrying traffic while its TCP connection stayed open (seen after a member restarted within a
    /// second of its kill, bench/ensemble/findings.md); returns how many were closed, 0 if the system does not run
    /// this transport.
    /// </summary>
    public static int ResetConnections(ActorSystem system, string reason)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!Transports.TryGetValue(system, out var transport))
        {
            return 0;
        }

        var closed = 0;
        foreach (var handle in transport.handles.Keys)
        {
            handle.Close(reason);
            closed++;
        }

        Interlocked.Increment(ref transport.resets);
        return closed;
    }

    /// <summary>The connections open now, inbound and outbound.</summary>
    internal int OpenConnections => handles.Count;

    /// <summary>The transport <paramref name="system"/> runs, if it is this one.</summary>
    internal static SocketTransport? Of(ActorSystem system) => Transports.TryGetValue(system, out var transport) ? transport : null;

    /// <inheritdoc />
    public override async Task<(Address, TaskCompletionSource<IAssociationEventListener>)> Listen()
    {
        var ip = await ResolveAsync(settings.BindHostname, settings.Port).ConfigureAwait(false);
        SocketAcceptor bound;
        try
        {
            bound = SocketAcceptor.Bind(ip, backlog: 512);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"Cannot listen on the quorum port {ip}: {e.Message}", e);
        }

        acceptor = bound;
        var localAddress = new Address(SchemeIdentifier, System.Name, settings.Hostname, bound.LocalEndPoint.Port);

        // Connections are accepted once Akka is ready to hear of them.
        _ = associationListener.Task.ContinueWith(
            t => bound.Start(
                (accepted, _) => OnAccepted(accepted, t.Result),
                e => log.Warning("Accepting a quorum connection failed: {0}", e.Message)),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
        return (localAddress, associationListener);
    }

    /// <inheritdoc />
    public override bool IsResponsibleFor(Address remote) => true;

    /// <inheritdoc />
    public override async Task<AssociationHandle> Associate(Address remoteAddress)
    {
        ArgumentNullException.ThrowIfNull(remoteAddress);
        if (remoteAddress.Host is null || remoteAddress.Port is null)
        {
            throw new InvalidAssociationException($"{remoteAddress} has no host and port");
        }

        var endpoint = await ResolveAsync(remoteAddress.Host, remoteAddress.Port.Value).ConfigureAwait(false);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(settings.ConnectionTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            var why = e is OperationCanceledException ? $"no answer within {settings.ConnectionTimeout.TotalSeconds:0.#} s" : e.Message;
            throw new InvalidAssociationException($"Cannot connect to {remoteAddress}: {why}", e);
        }

        return Track(socket, remoteAddress);
    }

    /// <inheritdoc />
    public override async Task<bool> Shutdown()
    {
        if (acceptor is not null)
        {
            await acceptor.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var handle in handles.Keys)
        {
            handle.Close("transport shutting down");
        }

        return true;
    }

    private void OnAccepted(Socket accepted, IAssociationEventListener associations)
    {
        // The peer's listening address arrives in Akka's handshake; until then it is known by its socket.
        var remote = (IPEndPoint)accepted.RemoteEndPoint!;
        var host = remote.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{remote.Address}]" : remote.Address.ToString();
        var remoteAddress = new Address(SchemeIdentifier, System.Name, host, remote.Port);
        associations.Notify(new InboundAssociation(Track(accepted, remoteAddress)));
    }

    private SocketAssociationHandle Track(Socket socket, Address remoteAddress)
    {
        SocketAssociationHandle.Configure(socket, settings);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var handle = new SocketAssociationHandle(
            new Address(SchemeIdentifier, System.Name, settings.Hostname, local.Port),
            remoteAddress,
            socket,
            settings,
            log,
            h => handles.TryRemove(h, out _));
        handles[handle] = 0;
        return handle;
    }

    private static async Task<IPEndPoint> ResolveAsync(string host, int port)
    {
        if (IPAddress.TryParse(host, out var ip))
        {
            return new IPEndPoint(ip, port);
        }

        var addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidAssociationException($"{host} does not resolve to an address");
        return new IPEndPoint(chosen, port);
    }
}
