using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ActorZk.Protocol;

namespace ActorZk.Client.Engine;

/// <summary>
/// One TCP connection of a session: the socket, a <see cref="PipeReader"/> over it, the activity timestamps the
/// heartbeat checks, and the reason it was aborted.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly CancellationTokenSource cancellation;
    private long lastReceived;
    private long lastSent;
    private int aborted;

    /// <summary>Wraps a connected socket.</summary>
    /// <param name="socket">The connected socket.</param>
    /// <param name="server">The server it is connected to.</param>
    /// <param name="sessionToken">Cancelled when the session closes; aborts the connection too.</param>
    public Connection(Socket socket, DnsEndPoint server, CancellationToken sessionToken)
    {
        this.socket = socket;
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(sessionToken);
        Server = server;
        stream = new NetworkStream(socket, ownsSocket: true);
        Reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        lastReceived = lastSent = Environment.TickCount64;
    }

    /// <summary>The server.</summary>
    public DnsEndPoint Server { get; }

    /// <summary>Reads what the server sends.</summary>
    public PipeReader Reader { get; }

    /// <summary>Cancelled when the connection is aborted.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>When bytes last arrived (<see cref="Environment.TickCount64"/>).</summary>
    public long LastReceived
    {
        get => Volatile.Read(ref lastReceived);
        set => Volatile.Write(ref lastReceived, value);
    }

    /// <summary>When bytes were last sent, or a ping queued (<see cref="Environment.TickCount64"/>).</summary>
    public long LastSent
    {
        get => Volatile.Read(ref lastSent);
        set => Volatile.Write(ref lastSent, value);
    }

    /// <summary>The error the outstanding requests fail with once aborted (ConnectionLoss, or AuthFailed).</summary>
    public ErrorCode AbortCode { get; private set; } = ErrorCode.ConnectionLoss;

    /// <summary>The request that timed out, which alone fails with RequestTimeout.</summary>
    public IPendingRequest? TimedOutRequest { get; private set; }

    /// <summary>Why the connection ended, for diagnostics.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>True once <see cref="Abort"/> was called.</summary>
    public bool IsAborted => Volatile.Read(ref aborted) != 0;

    /// <summary>Connects to <paramref name="server"/>.</summary>
    /// <param name="server">The server.</param>
    /// <param name="sessionToken">Cancelled when the session closes.</param>
    /// <param name="cancellationToken">Bounds the attempt.</param>
    /// <returns>The connection.</returns>
    public static async Task<Connection> OpenAsync(DnsEndPoint server, CancellationToken sessionToken, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            return new Connection(socket, server, sessionToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task completing once written.</returns>
    // Pooled: the writer awaits one send per batch for the whole life of the connection.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        LastSent = Environment.TickCount64;
    }

    /// <summary>Ends the connection; the read and write loops fail and the session reconnects or stops.</summary>
    /// <param name="reason">Why, for diagnostics.</param>
    /// <param name="code">The error for the outstanding requests.</param>
    /// <param name="timedOut">The request that timed out, if that is the reason.</param>
    public void Abort(string reason, ErrorCode code = ErrorCode.ConnectionLoss, IPendingRequest? timedOut = null)
    {
        if (Interlocked.Exchange(ref aborted, 1) != 0)
        {
            return;
        }

        AbortReason = reason;
        AbortCode = code;
        TimedOutRequest = timedOut;
        try
        {
            cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // Callbacks registered on the token threw; the connection is being torn down regardless.
        }

        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the peer.
        }
        catch (ObjectDisposedException)
        {
            // Already disposed.
        }

        socket.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Abort("disposed");
        await Reader.CompleteAsync().ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
        cancellation.Dispose();
    }
}
