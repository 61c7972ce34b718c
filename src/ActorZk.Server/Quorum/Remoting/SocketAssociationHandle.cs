using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using ActorZk.Server.Threading;
using Akka.Actor;
using Akka.Event;
using Akka.Remote.Transport;
using Google.Protobuf;

namespace ActorZk.Server.Quorum.Remoting;

/// <summary>
/// One TCP connection between two members, carrying Akka PDUs as frames of a 4-byte little-endian length and the
/// PDU. Writes go out on the writing thread (a non-blocking send, queued only when the kernel's buffer is full), and
/// one thread per connection blocks in poll() and hands every received frame to Akka: a Zab packet crosses two
/// threads fewer than with DotNetty, whose event loops sit between the actors and the socket on both sides. The
/// reading thread then runs what the frames set off as a <see cref="WorkerContinuation"/> chain (Akka's reading
/// actors, then the peer actor, its log commit and its replies), so a packet usually wakes no pool worker at all.
/// </summary>
internal sealed class SocketAssociationHandle : AssociationHandle
{
    private const int LengthBytes = 4;
    private const int PollMicroseconds = 1_000_000;

    private readonly Socket socket;
    private readonly SocketTransportSettings settings;
    private readonly ILoggingAdapter log;
    private readonly Action<SocketAssociationHandle> onClosed;
    private readonly object gate = new();

    // Frames read but not yet handed to Akka; the reading thread's alone.
    private readonly List<ByteString> inbound = [];
    private byte[] pending = [];
    private int pendingStart;
    private int pendingEnd;
    private bool flushing;
    private int closed;
    private int disassociatedSent;
    private IHandleEventListener? listener;

    public SocketAssociationHandle(
        Address localAddress,
        Address remoteAddress,
        Socket socket,
        SocketTransportSettings settings,
        ILoggingAdapter log,
        Action<SocketAssociationHandle> onClosed)
        : base(localAddress, remoteAddress)
    {
        this.socket = socket;
        this.settings = settings;
        this.log = log;
        this.onClosed = onClosed;

        // Reading starts once Akka names the listener for this connection's payloads.
        ReadHandlerSource.Task.ContinueWith(
            static (t, state) => ((SocketAssociationHandle)state!).StartReading(t.Result),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private bool IsClosed => Volatile.Read(ref closed) != 0;

    /// <summary>Prepares a connected socket for <see cref="SocketAssociationHandle"/>: no Nagle, buffers, non-blocking.</summary>
    public static void Configure(Socket socket, SocketTransportSettings settings)
    {
        socket.NoDelay = true;
        socket.SendBufferSize = settings.SocketBufferSize;
        socket.ReceiveBufferSize = settings.SocketBufferSize;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);

        // Sends must never block an actor's thread, and the reader waits in poll() instead of recv().
        socket.Blocking = false;
    }

    /// <inheritdoc />
    public override bool Write(ByteString payload)
    {
        var length = payload.Length;
        if (length > settings.MaximumFrameSize)
        {
            log.Warning("Dropping a {0}-byte message to {1}: larger than maximum-frame-size {2}", length, RemoteAddress, settings.MaximumFrameSize);
            return true;
        }

        lock (gate)
        {
            if (IsClosed)
            {
                return false;
            }

            if (pendingEnd - pendingStart > settings.MaximumPendingBytes)
            {
                // The peer is not reading (partitioned or stopped): Akka's writer buffers and retries.
                return false;
            }

            Append(payload.Span);
            if (flushing)
            {
                return true;
            }

            if (SendPendingLocked())
            {
                return true;
            }

            // The kernel's buffer is full: the rest goes out asynchronously, off the actor's thread, and later
            // writes queue behind it.
            flushing = true;
            _ = FlushAsync();
            return true;
        }
    }

#pragma warning disable CS0672 // Akka marks the reason-less overload obsolete for callers, not for transports.
    /// <inheritdoc />
    public override void Disassociate() => Close(null);
#pragma warning restore CS0672

    /// <summary>Closes the connection; Akka hears of it once, through the payload listener.</summary>
    public void Close(string? reason)
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }

        if (reason is not null)
        {
            log.Debug("Connection {0} -> {1} closed: {2}", LocalAddress, RemoteAddress, reason);
        }

        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Dispose();
        lock (gate)
        {
            ReturnPending();
        }

        NotifyDisassociated();
        onClosed(this);
    }

    private void Append(ReadOnlySpan<byte> payload)
    {
        var needed = LengthBytes + payload.Length;
        if (pending.Length - pendingEnd < needed)
        {
            pending = Compact(pending, ref pendingStart, ref pendingEnd, Math.Max(pendingEnd - pendingStart + needed, 16 * 1024));
        }

        BinaryPrimitives.WriteInt32LittleEndian(pending.AsSpan(pendingEnd), payload.Length);
        payload.CopyTo(pending.AsSpan(pendingEnd + LengthBytes));
        pendingEnd += needed;
    }

    // Sends what is queued without blocking; true when nothing is left (or the connection failed and is closing).
    private bool SendPendingLocked()
    {
        while (pendingStart < pendingEnd)
        {
            int sent;
            SocketError error;
            try
            {
                sent = socket.Send(pending, pendingStart, pendingEnd - pendingStart, SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                // Closed by another thread a moment ago; Akka hears of it through the listener.
                pendingStart = pendingEnd = 0;
                return true;
            }

            if (error == SocketError.WouldBlock)
            {
                return false;
            }

            if (error != SocketError.Success)
            {
                pendingStart = pendingEnd = 0;
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.handle.Close(s.reason), (handle: this, reason: $"send failed: {error}"), preferLocal: false);
                return true;
            }

            pendingStart += sent;
        }

        pendingStart = pendingEnd = 0;
        return true;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            byte[] chunk;
            int length;
            lock (gate)
            {
                if (IsClosed || pendingStart == pendingEnd)
                {
                    pendingStart = pendingEnd = 0;
                    flushing = false;
                    return;
                }

                // What is queued now leaves in one asynchronous send; later writes wait in pending.
                length = pendingEnd - pendingStart;
                chunk = ArrayPool<byte>.Shared.Rent(length);
                pending.AsSpan(pendingStart, length).CopyTo(chunk);
                pendingStart = pendingEnd = 0;
            }

            try
            {
                var memory = chunk.AsMemory(0, length);
                while (memory.Length > 0)
                {
                    var sent = await socket.SendAsync(memory, SocketFlags.None).ConfigureAwait(false);
                    memory = memory[sent..];
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Close($"send failed: {e.Message}");
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }

    private void ReturnPending()
    {
        if (pending.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(pending);
        }

        pending = [];
        pendingStart = pendingEnd = 0;
    }

    private void StartReading(IHandleEventListener payloadListener)
    {
        // A full fence between publishing the listener and reading closed, as Close has one between setting closed
        // and reading the listener: of a close racing this start, at least one side sees the other and tells Akka.
        // A plain store could be reordered after the read, and then neither would, leaving Akka's writer retrying a
        // dead handle forever.
        Interlocked.Exchange(ref listener, payloadListener);
        if (IsClosed)
        {
            // Closed before Akka took it: it still has to hear that the connection is gone.
            NotifyDisassociated();
            return;
        }

        var thread = new Thread(static h => ((SocketAssociationHandle)h!).ReadLoop())
        {
            IsBackground = true,
            Name = $"actorzk-remote {RemoteAddress.Host}:{RemoteAddress.Port}",
        };
        thread.Start(this);
    }

    private void ReadLoop()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var start = 0;
        var end = 0;
        string reason;
        try
        {
            while (true)
            {
                if (!socket.Poll(PollMicroseconds, SelectMode.SelectRead))
                {
                    if (IsClosed)
                    {
                        reason = "closed";
                        break;
                    }

                    continue;
                }

                if (buffer.Length - end < 4096)
                {
                    buffer = Compact(buffer, ref start, ref end, buffer.Length - (end - start) < 4096 ? buffer.Length * 2 : buffer.Length);
                }

                var read = socket.Receive(buffer, end, buffer.Length - end, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    continue;
                }

                if (error != SocketError.Success)
                {
                    reason = $"receive failed: {error}";
                    break;
                }

                if (read == 0)
                {
                    reason = "the peer closed the connection";
                    break;
                }

                end += read;
                var complete = TakeFrames(ref buffer, ref start, ref end, out reason);
                if (inbound.Count > 0)
                {
                    // This thread runs what the frames set off (Akka's reading actors, the peer actor, its log
                    // commit and replies) as one chain, instead of waking a pool worker for each packet.
                    WorkerContinuation.RunHere(static handle => handle.NotifyInbound(), this);
                }

                if (!complete)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            reason = e.Message;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        Close(reason);
    }

    private void NotifyInbound()
    {
        foreach (var frame in inbound)
        {
            listener!.Notify(new InboundPayload(frame));
        }

        inbound.Clear();
    }

    // Takes every complete frame in buffer[start..end) into inbound; makes room when a frame is larger than the buffer.
    private bool TakeFrames(ref byte[] buffer, ref int start, ref int end, out string reason)
    {
        reason = string.Empty;
        while (end - start >= LengthBytes)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
            if (length < 0 || length > settings.MaximumFrameSize)
            {
                reason = $"invalid frame length {length} (maximum-frame-size {settings.MaximumFrameSize})";
                log.Warning("Closing the connection from {0}: {1}", RemoteAddress, reason);
                return false;
            }

            if (end - start < LengthBytes + length)
            {
                if (LengthBytes + length > buffer.Length)
                {
                    buffer = Compact(buffer, ref start, ref end, LengthBytes + length);
                }

                return true;
            }

            inbound.Add(ByteString.CopyFrom(buffer, start + LengthBytes, length));
            start += LengthBytes + length;
        }

        if (start == end)
        {
            start = end = 0;
        }

        return true;
    }

    // Moves buffer[start..end) to the front, into a larger pooled array when capacity asks for more room.
    // Used for both directions: the queue of unsent frames and the bytes read but not yet delivered.
    private static byte[] Compact(byte[] buffer, ref int start, ref int end, int capacity)
    {
        var used = end - start;
        var target = buffer;
        if (capacity > buffer.Length)
        {
            target = ArrayPool<byte>.Shared.Rent(capacity);
        }

        buffer.AsSpan(start, used).CopyTo(target);
        if (!ReferenceEquals(target, buffer) && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        start = 0;
        end = used;
        return target;
    }

    private void NotifyDisassociated()
    {
        if (Volatile.Read(ref listener) is { } l && Interlocked.Exchange(ref disassociatedSent, 1) == 0)
        {
            l.Notify(new Disassociated(DisassociateInfo.Unknown));
        }
    }
}
