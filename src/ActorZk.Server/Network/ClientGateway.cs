using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Network;

/// <summary>
/// Listens on the client port, enforces maxClientCnxns per client address, and runs one
/// <see cref="ClientConnection"/> per accepted socket.
/// </summary>
public sealed class ClientGateway : IAsyncDisposable
{
    private readonly IPEndPoint endpoint;
    private readonly IActorRef peer;
    private readonly int maxClientCnxns;
    private readonly int maxFrameLength;
    private readonly Func<string, bool> isFourLetterWordEnabled;
    private readonly ILogger logger;
    private readonly ConnectionRegistry connections;
    private readonly CancellationTokenSource stopping = new();
    private Socket? listener;
    private Task? acceptLoop;
    private long nextConnectionId;

    public ClientGateway(
        IPEndPoint endpoint,
        IActorRef peer,
        int maxClientCnxns,
        int maxFrameLength,
        Func<string, bool> isFourLetterWordEnabled,
        ConnectionRegistry connections,
        ILogger logger)
    {
        this.connections = connections;
        this.endpoint = endpoint;
        this.peer = peer;
        this.maxClientCnxns = maxClientCnxns;
        this.maxFrameLength = maxFrameLength;
        this.isFourLetterWordEnabled = isFourLetterWordEnabled;
        this.logger = logger;
    }

    /// <summary>The bound address (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)listener?.LocalEndPoint ?? endpoint;

    /// <summary>Binds the port; throws if it is taken, so a server never half-starts.</summary>
    public void Start()
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6 && endpoint.Address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }

        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(endpoint);
        socket.Listen(512);
        listener = socket;
        acceptLoop = Task.Run(AcceptLoopAsync);
        logger.LogInformation("Serving clients on {Endpoint}", LocalEndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Dispose();
        if (acceptLoop is not null)
        {
            await acceptLoop;
        }

        foreach (var connection in connections.All)
        {
            connection.Close();
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener!.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                logger.LogWarning("Accept failed: {Message}", e.Message);
                continue;
            }

            socket.NoDelay = true;
            var remote = (IPEndPoint?)socket.RemoteEndPoint;
            if (maxClientCnxns > 0 && remote is not null && connections.CountFrom(remote.Address) >= maxClientCnxns)
            {
                logger.LogWarning(
                    "Too many connections from {Address} - max is {Max}", remote.Address, maxClientCnxns);
                socket.Dispose();
                continue;
            }

            var connection = new ClientConnection(
                Interlocked.Increment(ref nextConnectionId),
                socket,
                peer,
                maxFrameLength,
                isFourLetterWordEnabled,
                connections.Remove,
                logger);
            connections.Add(connection);
            _ = Task.Run(() => connection.RunAsync(stopping.Token));
        }
    }
}
