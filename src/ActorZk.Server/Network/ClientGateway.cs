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
    private SocketAcceptor? acceptor;
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
    public IPEndPoint LocalEndPoint => acceptor?.LocalEndPoint ?? endpoint;

    /// <summary>Binds the port; throws if it is taken, so a server never half-starts.</summary>
    public void Start()
    {
        acceptor = SocketAcceptor.Listen(
            endpoint,
            backlog: 512,
            OnAccepted,
            e => logger.LogWarning("Accept failed: {Message}", e.Message));
        logger.LogInformation("Serving clients on {Endpoint}", LocalEndPoint);
    }

    /// <summary>Stops accepting, then closes every client connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (acceptor is not null)
        {
            await acceptor.DisposeAsync();
        }

        foreach (var connection in connections.All)
        {
            connection.Close();
        }
    }

    private void OnAccepted(Socket socket, CancellationToken stopping)
    {
        socket.NoDelay = true;
        var remote = (IPEndPoint?)socket.RemoteEndPoint;
        if (maxClientCnxns > 0 && remote is not null && connections.CountFrom(remote.Address) >= maxClientCnxns)
        {
            logger.LogWarning(
                "Too many connections from {Address} - max is {Max}", remote.Address, maxClientCnxns);
            socket.Dispose();
            return;
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
        // Not cancellable itself: a connection that starts as the server stops still runs, to close and unregister.
        _ = Task.Run(() => connection.RunAsync(stopping), CancellationToken.None);
    }
}
