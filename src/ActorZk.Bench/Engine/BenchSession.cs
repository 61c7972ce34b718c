using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using ActorZk.Bench.Options;
using ActorZk.Protocol;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Bench.Engine;

/// <summary>
/// One ZooKeeper session on its own socket, kept as lean as the protocol allows: requests are encoded into one
/// pooled buffer and sent in a batch, any number may be in flight, and replies are matched to requests in
/// order (ZooKeeper answers a session's requests in the order they were sent). Pings and watch notifications
/// come outside that order and are recognized by their reserved xids.
/// </summary>
/// <remarks>
/// One receive loop per session parses every frame of a read in place and hands it to the current
/// <see cref="ISessionHandler"/> while holding the session's lock; whatever the handler sends in answer is
/// flushed with one send when the batch is done. The same lock serializes senders on other threads (the
/// pinger, the other half of a watch pair), so the xid order on the wire is the order of the pending queue.
/// Nothing on this path allocates once the buffers have grown to their working size.
/// </remarks>
internal sealed class BenchSession : IAsyncDisposable
{
    /// <summary>The largest reply frame accepted; a getChildren of a big node may exceed jute.maxbuffer.</summary>
    private const int MaxFrameLength = 128 * 1024 * 1024;

    private readonly Socket socket;
    private readonly object gate = new();
    private readonly PooledBufferWriter sendBuffer = new(64 * 1024);
    private readonly Queue<PendingRequest> pending;
    private readonly TaskCompletionSource closeReplied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long pingIntervalTicks;
    private byte[] receiveBuffer = new byte[64 * 1024];
    private ISessionHandler? handler;
    private Task? receiveLoop;
    private int nextXid = 1;
    private long lastSendTimestamp;
    private bool isClosed;

    private BenchSession(int index, ServerAddress server, Socket socket, long sessionId, int timeoutMs)
    {
        Index = index;
        Server = server;
        this.socket = socket;
        SessionId = sessionId;
        NegotiatedTimeoutMs = timeoutMs;

        // ZooKeeper's client pings after a third of the timeout without traffic; so does this one.
        pingIntervalTicks = Stopwatch.Frequency * Math.Max(1, timeoutMs / 3) / 1000;
        pending = new Queue<PendingRequest>(64);
        lastSendTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The session's position in the run (0-based); workloads key their per-session state by it.</summary>
    public int Index { get; }

    /// <summary>The server this session is connected to.</summary>
    public ServerAddress Server { get; }

    /// <summary>The id the server gave the session.</summary>
    public long SessionId { get; }

    /// <summary>The session timeout the server granted.</summary>
    public int NegotiatedTimeoutMs { get; }

    /// <summary>True once the connection is gone.</summary>
    public bool IsClosed
    {
        get
        {
            lock (gate)
            {
                return isClosed;
            }
        }
    }

    /// <summary>Completes when the connection is gone, for whatever reason.</summary>
    public Task Closed => closed.Task;

    /// <summary>Opens a socket and performs the ZooKeeper handshake for a new session.</summary>
    /// <exception cref="IOException">The server refused the session or closed the connection.</exception>
    public static async Task<BenchSession> ConnectAsync(int index, ServerAddress server, int sessionTimeoutMs, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, cancellationToken);
            using (var handshake = new PooledBufferWriter(128))
            {
                FrameWriter.WriteConnectRequest(handshake, new ConnectRequest(0, 0, sessionTimeoutMs, 0, new byte[16], false));
                await socket.SendAsync(handshake.WrittenMemory, SocketFlags.None, cancellationToken);
            }

            var prefix = new byte[4];
            await ReceiveExactlyAsync(socket, prefix, cancellationToken);
            var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
            if (length is < 20 or > 4096)
            {
                throw new IOException($"{server}: bad handshake answer length {length}");
            }

            var body = new byte[length];
            await ReceiveExactlyAsync(socket, body, cancellationToken);
            var response = Decode(body);
            if (response.TimeOut <= 0 || response.SessionId == 0)
            {
                throw new IOException($"{server}: the server refused the session");
            }

            var session = new BenchSession(index, server, socket, response.SessionId, response.TimeOut);
            session.receiveLoop = session.ReceiveLoopAsync();
            return session;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Makes <paramref name="newHandler"/> receive this session's traffic from now on.</summary>
    public void SetHandler(ISessionHandler? newHandler)
    {
        lock (gate)
        {
            handler = newHandler;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the session's lock held, as handler calls are, then flushes what it sent;
    /// used to start a phase's first requests without racing the replies to them.
    /// </summary>
    public void RunLocked<TState>(Action<BenchSession, TState> action, TState state)
    {
        lock (gate)
        {
            action(this, state);
            FlushLocked();
        }
    }

    /// <summary>Queues a create; false if the session is closed.</summary>
    public bool Create(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, CreateMode mode, int tag)
    {
        lock (gate)
        {
            if (!TryBegin(OpCode.Create, tag, out var xid))
            {
                return false;
            }

            RequestEncoder.WriteCreate(sendBuffer, xid, path, data, mode);
            return true;
        }
    }

    /// <summary>Queues a delete; false if the session is closed.</summary>
    public bool Delete(ReadOnlySpan<byte> path, int version, int tag)
    {
        lock (gate)
        {
            if (!TryBegin(OpCode.Delete, tag, out var xid))
            {
                return false;
            }

            RequestEncoder.WriteDelete(sendBuffer, xid, path, version);
            return true;
        }
    }

    /// <summary>Queues a getData; false if the session is closed.</summary>
    public bool GetData(ReadOnlySpan<byte> path, bool watch, int tag)
    {
        lock (gate)
        {
            if (!TryBegin(OpCode.GetData, tag, out var xid))
            {
                return false;
            }

            RequestEncoder.WriteGetData(sendBuffer, xid, path, watch);
            return true;
        }
    }

    /// <summary>Queues a setData; false if the session is closed.</summary>
    public bool SetData(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, int version, int tag)
    {
        lock (gate)
        {
            if (!TryBegin(OpCode.SetData, tag, out var xid))
            {
                return false;
            }

            RequestEncoder.WriteSetData(sendBuffer, xid, path, data, version);
            return true;
        }
    }

    /// <summary>Queues a getChildren; false if the session is closed.</summary>
    public bool GetChildren(ReadOnlySpan<byte> path, bool watch, int tag)
    {
        lock (gate)
        {
            if (!TryBegin(OpCode.GetChildren, tag, out var xid))
            {
                return false;
            }

            RequestEncoder.WriteGetChildren(sendBuffer, xid, path, watch);
            return true;
        }
    }

    /// <summary>Queues a sync; false if the session is closed.</summary>
    public bool Sync(ReadOnlySpan<byte> path, int tag)
    {
        lock (gate)
        {
            if (!TryBegin(OpCode.Sync, tag, out var xid))
            {
                return false;
            }

            RequestEncoder.WriteSync(sendBuffer, xid, path);
            return true;
        }
    }

    /// <summary>Queues a multi of creates or deletes (see <see cref="RequestEncoder.WriteMulti"/>); false if the session is closed.</summary>
    public bool Multi<TState>(
        OpCode op, long firstItem, int count, TState state, PathComposer<TState> compose, ReadOnlySpan<byte> data, CreateMode mode, int tag)
    {
        lock (gate)
        {
            if (!TryBegin(OpCode.Multi, tag, out var xid))
            {
                return false;
            }

            RequestEncoder.WriteMulti(sendBuffer, xid, op, firstItem, count, state, compose, data, mode);
            return true;
        }
    }

    /// <summary>Sends what has been queued.</summary>
    public void Flush()
    {
        lock (gate)
        {
            FlushLocked();
        }
    }

    /// <summary>Sends a ping if nothing was sent for a third of the session timeout; called by the pinger.</summary>
    public void PingIfIdle(long now)
    {
        if (now - Volatile.Read(ref lastSendTimestamp) < pingIntervalTicks)
        {
            return;
        }

        lock (gate)
        {
            if (isClosed)
            {
                return;
            }

            // Ping replies carry xid -2 and are not matched against the pending queue.
            RequestEncoder.WriteEmpty(sendBuffer, Xids.Ping, OpCode.Ping);
            FlushLocked();
        }
    }

    /// <summary>Closes the session on the server (bounded by <paramref name="timeout"/>) and then the socket.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        lock (gate)
        {
            if (!isClosed && TryBegin(OpCode.CloseSession, 0, out var xid))
            {
                RequestEncoder.WriteEmpty(sendBuffer, xid, OpCode.CloseSession);
                FlushLocked();
            }
        }

        try
        {
            await Task.WhenAny(closeReplied.Task, closed.Task).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // The server did not answer in time; the socket is closed anyway and the session will expire.
        }

        Abort();
        if (receiveLoop is not null)
        {
            await receiveLoop.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Drops the connection at once; in-flight requests are reported lost to the handler.</summary>
    public void Abort()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Abort();
        if (receiveLoop is not null)
        {
            await receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        lock (gate)
        {
            sendBuffer.Dispose();
        }
    }

    private static ConnectResponse Decode(byte[] body)
    {
        var reader = new JuteReader(body);
        return ConnectResponse.Deserialize(ref reader);
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the server closed the connection during the handshake");
            }

            buffer = buffer[read..];
        }
    }

    private bool TryBegin(OpCode op, int tag, out int xid)
    {
        if (isClosed)
        {
            xid = 0;
            return false;
        }

        xid = nextXid;

        // Reserved xids are negative; wrap within the positive range as ZooKeeper's client does.
        nextXid = xid == int.MaxValue ? 1 : xid + 1;
        pending.Enqueue(new PendingRequest(xid, op, tag, Stopwatch.GetTimestamp()));
        return true;
    }

    private void FlushLocked()
    {
        if (sendBuffer.WrittenCount == 0)
        {
            return;
        }

        try
        {
            var span = sendBuffer.WrittenSpan;
            while (span.Length > 0)
            {
                // A blocking send: on loopback with a bounded number of requests in flight it returns at once,
                // and it costs one syscall where an async send would add a state machine per batch.
                var sent = socket.Send(span, SocketFlags.None);
                span = span[sent..];
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The receive loop sees the dead socket and reports the loss; reporting it here could re-enter a handler.
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception inner) when (inner is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }
        finally
        {
            sendBuffer.Clear();
            Volatile.Write(ref lastSendTimestamp, Stopwatch.GetTimestamp());
        }
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? failure = null;
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(receiveBuffer.AsMemory(filled), SocketFlags.None);
                if (read == 0)
                {
                    failure = new IOException($"{Server}: the server closed the connection");
                    return;
                }

                filled += read;
                int consumed;
                lock (gate)
                {
                    consumed = ProcessFrames(receiveBuffer.AsSpan(0, filled));
                    FlushLocked();
                }

                if (consumed > 0)
                {
                    receiveBuffer.AsSpan(consumed, filled - consumed).CopyTo(receiveBuffer);
                    filled -= consumed;
                }

                // Grow only for a frame larger than the buffer (big getChildren replies); rare, so allocation is fine.
                var needed = filled >= 4 ? BinaryPrimitives.ReadInt32BigEndian(receiveBuffer) + 4 : 0;
                if (needed > receiveBuffer.Length)
                {
                    Array.Resize(ref receiveBuffer, needed);
                }
            }
        }
        catch (Exception e)
        {
            // Socket errors end the session; anything else is a bug in a handler or a protocol violation, and is
            // reported as the reason so it is never hidden.
            failure = e;
        }
        finally
        {
            Fail(failure);
        }
    }

    private int ProcessFrames(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        while (data.Length - offset >= 4)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            if (length is < ReplyHeader.Size or > MaxFrameLength)
            {
                throw new InvalidDataException($"{Server}: invalid reply frame length {length}");
            }

            if (data.Length - offset - 4 < length)
            {
                break;
            }

            HandleFrame(data.Slice(offset + 4, length));
            offset += 4 + length;
        }

        return offset;
    }

    private void HandleFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref reader);
        var now = Stopwatch.GetTimestamp();
        switch (header.Xid)
        {
            case Xids.Notification:
                var type = (EventType)reader.ReadInt();
                _ = reader.ReadInt(); // keeper state: always SyncConnected on a live session
                var pathLength = Math.Max(0, reader.ReadInt());
                handler?.OnNotification(this, type, reader.UnreadSpan[..Math.Min(pathLength, reader.Remaining)], now);
                return;
            case Xids.Ping:
                return;
        }

        if (!pending.TryDequeue(out var request))
        {
            throw new InvalidDataException($"{Server}: reply with xid {header.Xid} but no request in flight");
        }

        if (request.Xid != header.Xid)
        {
            throw new InvalidDataException($"{Server}: reply with xid {header.Xid} where xid {request.Xid} was expected");
        }

        if (request.Op == OpCode.CloseSession)
        {
            closeReplied.TrySetResult();
            return;
        }

        handler?.OnReply(this, in request, header.Err, reader.UnreadSpan, now);
    }

    private void Fail(Exception? reason)
    {
        lock (gate)
        {
            if (isClosed)
            {
                return;
            }

            isClosed = true;
            var lost = 0;
            while (pending.TryDequeue(out var request))
            {
                if (request.Op != OpCode.CloseSession)
                {
                    lost++;
                }
            }

            handler?.OnClosed(this, lost, reason);
        }

        socket.Dispose();
        closed.TrySetResult();
    }
}
