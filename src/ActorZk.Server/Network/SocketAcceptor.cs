using System.Net;
using System.Net.Sockets;

namespace ActorZk.Server.Network;

/// <summary>
/// A listening socket and its accept loop: every accepted socket goes to a callback until the acceptor is disposed.
/// The client port (<see cref="ClientGateway"/>), the AdminServer and the quorum transport share it.
/// </summary>
public sealed class SocketAcceptor : IAsyncDisposable
{
    // <sys/socket.h> on Linux.
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    private readonly Socket listener;
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    private SocketAcceptor(Socket listener)
    {
        this.listener = listener;
    }

    /// <summary>The bound address (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    /// <summary>
    /// Binds <paramref name="endpoint"/> (both IPv4 and IPv6 for the IPv6 wildcard) and starts accepting. Throws the
    /// <see cref="SocketException"/> of a port that cannot be bound, with nothing left open.
    /// </summary>
    /// <param name="endpoint">Where to listen.</param>
    /// <param name="backlog">The kernel's queue of connections not yet accepted.</param>
    /// <param name="onAccepted">See <see cref="Start"/>.</param>
    /// <param name="onAcceptFailed">An accept that failed (the loop goes on).</param>
    public static SocketAcceptor Listen(
        IPEndPoint endpoint,
        int backlog,
        Action<Socket, CancellationToken> onAccepted,
        Action<SocketException> onAcceptFailed)
    {
        var acceptor = Bind(endpoint, backlog);
        acceptor.Start(onAccepted, onAcceptFailed);
        return acceptor;
    }

    /// <summary>
    /// Binds and listens like <see cref="Listen"/> but accepts nothing before <see cref="Start"/>: connections wait in
    /// the kernel's backlog until their taker is ready.
    /// </summary>
    public static SocketAcceptor Bind(IPEndPoint endpoint, int backlog)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6 && endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            AllowRebindAfterRestart(socket);
            socket.Bind(endpoint);
            socket.Listen(backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SocketAcceptor(socket);
    }

    /// <summary>Starts accepting; once only.</summary>
    /// <param name="onAccepted">
    /// Takes each accepted socket (its owner from then on) and the token that is cancelled when the acceptor stops.
    /// Runs on the accept loop: hand long work to a task.
    /// </param>
    /// <param name="onAcceptFailed">An accept that failed while the acceptor runs (the loop goes on).</param>
    public void Start(Action<Socket, CancellationToken> onAccepted, Action<SocketException> onAcceptFailed)
    {
        if (loop is not null)
        {
            throw new InvalidOperationException("The acceptor is already started.");
        }

        loop = Task.Run(() => AcceptLoopAsync(onAccepted, onAcceptFailed));
    }

    /// <summary>
    /// Lets a restarted server bind its port while connections of its previous run are still in TIME_WAIT, as
    /// ZooKeeper's <c>setReuseAddress(true)</c> does; call it before binding.
    /// </summary>
    /// <remarks>
    /// Only SO_REUSEADDR. .NET's <see cref="SocketOptionName.ReuseAddress"/> sets SO_REUSEPORT as well on Linux, and
    /// then a second server on the same port binds too and the kernel shares the connections out between the two.
    /// </remarks>
    private static void AllowRebindAfterRestart(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }
    }

    /// <summary>Stops listening and waits for the accept loop; sockets already handed out stay with their owners.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        if (loop is not null)
        {
            await loop;
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Action<Socket, CancellationToken> onAccepted, Action<SocketException> onAcceptFailed)
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (token.IsCancellationRequested)
            {
                // The listener closed under an accept in progress: stopping, not a failure.
                return;
            }
            catch (SocketException e)
            {
                onAcceptFailed(e);
                continue;
            }

            onAccepted(socket, token);
        }
    }
}
