using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ActorZk.Protocol;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// A bare ZooKeeper session on one socket that pipelines requests, for tests that must know exactly which
/// replies arrived. A client library would reconnect and resend behind the test's back after a crash; this one
/// never does: when the socket dies every unanswered request fails with <see cref="IOException"/>, so the test
/// knows that write as "outcome unknown". It pings while idle so that a session under test does not expire.
/// </summary>
internal sealed class WireClient : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<WireReply>> pending = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly PooledBufferWriter sendBuffer = new();
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task readLoop;
    private readonly Task pingLoop;
    private int xid;
    private int disposed;
    private long lastZxidSeen;
    private long lastSendTicks = Environment.TickCount64;

    private WireClient(Socket socket, ConnectResponse response, long lastZxidSeen)
    {
        this.socket = socket;
        SessionId = response.SessionId;
        Password = response.Passwd;
        NegotiatedTimeout = response.TimeOut;
        this.lastZxidSeen = lastZxidSeen;
        readLoop = Task.Run(ReadLoopAsync);
        pingLoop = Task.Run(PingLoopAsync);
    }

    public long SessionId { get; }

    public byte[] Password { get; }

    public int NegotiatedTimeout { get; }

    /// <summary>The highest zxid of a reply received on this session (pings excluded, as ZooKeeper's client does).</summary>
    public long LastZxidSeen => Interlocked.Read(ref lastZxidSeen);

    /// <summary>Completes when the socket is gone (server killed, session expired, or disposed).</summary>
    public Task Closed => closed.Task;

    /// <summary>
    /// Opens a new session (<paramref name="sessionId"/> 0) or resumes one with its id and password.
    /// Throws <see cref="SessionRefusedException"/> when the server refuses to resume it.
    /// </summary>
    public static async Task<WireClient> ConnectAsync(
        IPEndPoint endpoint,
        int timeoutMs,
        long sessionId = 0,
        byte[]? password = null,
        long lastZxidSeen = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connectTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(endpoint, connectTimeout.Token);
            using var writer = new PooledBufferWriter();
            FrameWriter.WriteConnectRequest(writer, new ConnectRequest(0, lastZxidSeen, timeoutMs, sessionId, password ?? new byte[16], false));
            await socket.SendAsync(writer.WrittenMemory);

            // The handshake may wait for the server's recovery (requests are stashed until the log is read).
            var frame = await ReadFrameAsync(socket, TimeSpan.FromSeconds(60))
                        ?? throw new SessionRefusedException($"the server closed the connection during the handshake (session 0x{sessionId:x}, lastZxidSeen 0x{lastZxidSeen:x})");
            var reader = new JuteReader(frame);
            var response = ConnectResponse.Deserialize(ref reader);
            if (response.SessionId == 0 || response.TimeOut <= 0)
            {
                throw new SessionRefusedException($"the server refused session 0x{sessionId:x} (expired or bad password)");
            }

            return new WireClient(socket, response, lastZxidSeen);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request now (in call order) and returns the task of its reply.</summary>
    public async Task<Task<WireReply>> SendAsync(OpCode op, IJuteRecord? request)
    {
        var completion = new TaskCompletionSource<WireReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        await sendLock.WaitAsync();
        try
        {
            if (closed.Task.IsCompleted)
            {
                throw new IOException("the connection is closed");
            }

            var id = ++xid;
            pending[id] = completion;
            sendBuffer.Clear();
            FrameWriter.WriteRequest(sendBuffer, new RequestHeader(id, op), request);
            try
            {
                await socket.SendAsync(sendBuffer.WrittenMemory);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                pending.TryRemove(id, out _);
                throw new IOException("sending failed", e);
            }

            Interlocked.Exchange(ref lastSendTicks, Environment.TickCount64);
        }
        finally
        {
            sendLock.Release();
        }

        // Completed by the read loop, or failed when the connection drops; the caller bounds its own wait.
        return completion.Task;
    }

    /// <summary>Sends a request and waits (bounded) for its reply.</summary>
    public async Task<WireReply> CallAsync(OpCode op, IJuteRecord? request)
    {
        var reply = await SendAsync(op, request);
        return await reply.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Ends the session on the server (closeSession), which removes its ephemerals at once.</summary>
    public async Task CloseSessionAsync()
    {
        await CallAsync(OpCode.CloseSession, null);
        await DisposeAsync();
    }

    /// <summary>Drops the socket without closing the session, as a crashed client would.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stop.CancelAsync();
        socket.Dispose();
        await readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await pingLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
        sendLock.Dispose();
        sendBuffer.Dispose();
    }

    private static async Task<byte[]?> ReadFrameAsync(Socket socket, TimeSpan timeout, CancellationToken cancel = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        linked.CancelAfter(timeout);
        var length = new byte[4];
        if (!await ReceiveExactlyAsync(socket, length, linked.Token))
        {
            return null;
        }

        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        return await ReceiveExactlyAsync(socket, body, linked.Token) ? body : null;
    }

    private static async Task<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> target, CancellationToken cancel)
    {
        while (target.Length > 0)
        {
            var read = await socket.ReceiveAsync(target, SocketFlags.None, cancel);
            if (read == 0)
            {
                return false;
            }

            target = target[read..];
        }

        return true;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                // No reply deadline here: an idle session legitimately receives nothing but ping replies.
                var frame = await ReadFrameAsync(socket, Timeout.InfiniteTimeSpan, stop.Token);
                if (frame is null)
                {
                    break;
                }

                var reader = new JuteReader(frame);
                var header = ReplyHeader.Deserialize(ref reader);
                if (header.Xid is Xids.Ping or Xids.Notification)
                {
                    continue;
                }

                if (header.Zxid > 0)
                {
                    InterlockedMax(ref lastZxidSeen, header.Zxid);
                }

                if (pending.TryRemove(header.Xid, out var completion))
                {
                    completion.TrySetResult(new WireReply(header, frame[reader.Position..]));
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or JuteException)
        {
            // The connection is gone; what was pending is failed below.
        }
        finally
        {
            closed.TrySetResult();
            foreach (var id in pending.Keys)
            {
                if (pending.TryRemove(id, out var completion))
                {
                    completion.TrySetException(new IOException($"the connection of session 0x{SessionId:x} dropped before the reply to xid {id}"));
                }
            }
        }
    }

    private async Task PingLoopAsync()
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, NegotiatedTimeout / 4));
        try
        {
            while (!stop.IsCancellationRequested && !closed.Task.IsCompleted)
            {
                await Task.Delay(interval, stop.Token);
                if (Environment.TickCount64 - Interlocked.Read(ref lastSendTicks) < interval.TotalMilliseconds)
                {
                    continue;
                }

                await sendLock.WaitAsync(stop.Token);
                try
                {
                    sendBuffer.Clear();
                    FrameWriter.WriteRequest(sendBuffer, new RequestHeader(Xids.Ping, OpCode.Ping));
                    await socket.SendAsync(sendBuffer.WrittenMemory, stop.Token);
                    Interlocked.Exchange(ref lastSendTicks, Environment.TickCount64);
                }
                finally
                {
                    sendLock.Release();
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped, or the socket died (the read loop reports that).
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
