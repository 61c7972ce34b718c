using System.Buffers;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <content>The transport of one connection: the writer, the heartbeat, the read loop and the matching of replies.</content>
internal sealed partial class ClientSession
{
    private async Task WriteLoopAsync(Connection connection, (List<AuthPacket> Auths, List<InternalRequest> SetWatches) prime)
    {
        var token = connection.Token;
        try
        {
            sendBuffer.Clear();
            foreach (var auth in prime.Auths)
            {
                FrameWriter.WriteRequest(sendBuffer, new RequestHeader(Xids.Auth, OpCode.Auth), auth);
                authWaiters.Enqueue((null, Environment.TickCount64));
            }

            foreach (var request in prime.SetWatches)
            {
                Encode(request);
            }

            if (sendBuffer.WrittenCount > 0)
            {
                await connection.SendAsync(sendBuffer.WrittenMemory, token).ConfigureAwait(false);
            }

            var reader = outgoing.Reader;
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                sendBuffer.Clear();
                while (sendBuffer.WrittenCount < MaxBatchBytes && reader.TryRead(out var request))
                {
                    if (!TryEncode(request, connection))
                    {
                        return;
                    }
                }

                if (sendBuffer.WrittenCount > 0)
                {
                    await connection.SendAsync(sendBuffer.WrittenMemory, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection was aborted.
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            connection.Abort($"send failed: {e.Message}");
        }
    }

    // A record that cannot be encoded (a caller put a null where the protocol has none) leaves a partial frame in the
    // batch, so the connection is reset; the faulty request fails with the cause, the others with ConnectionLoss.
    private bool TryEncode(IPendingRequest request, Connection connection)
    {
        try
        {
            Encode(request);
            return true;
        }
        catch (Exception e) when (e is NullReferenceException or ArgumentException or InvalidOperationException or JuteException)
        {
            request.SetError(new MarshallingErrorException(null, $"the request could not be encoded: {e.Message}", e));
            request.Complete();
            connection.Abort("a request could not be encoded");
            return false;
        }
    }

    // Appends one request's frame to the send buffer and moves it to the FIFO its reply is matched in. Runs only on
    // the writer, so xids are assigned in wire order and the FIFO matches the order the server answers in.
    private void Encode(IPendingRequest request)
    {
        switch (request.OpCode)
        {
            case OpCode.Ping:
                FrameWriter.WriteRequest(sendBuffer, new RequestHeader(Xids.Ping, OpCode.Ping));
                return;
            case OpCode.Auth:
                FrameWriter.WriteRequest(sendBuffer, new RequestHeader(Xids.Auth, OpCode.Auth), request.Request);
                request.SentAt = Environment.TickCount64;
                authWaiters.Enqueue((request as AuthRequest, request.SentAt));
                return;
            default:
                var xid = request.OpCode is OpCode.SetWatches or OpCode.SetWatches2 ? Xids.SetWatches : NextXid();
                request.Xid = xid;
                request.SentAt = Environment.TickCount64;
                FrameWriter.WriteRequest(sendBuffer, new RequestHeader(xid, request.OpCode), request.Request);
                pending.Enqueue(request);
                return;
        }
    }

    private int NextXid()
    {
        // As ZooKeeper's client: never negative (reserved xids), wrap to 1.
        if (nextXid == int.MaxValue)
        {
            nextXid = 1;
        }

        return nextXid++;
    }

    private async Task HeartbeatLoopAsync(Connection connection)
    {
        var token = connection.Token;
        var timeout = NegotiatedTimeoutMs;

        // As ZooKeeper's client: give up on a server silent for 2/3 of the timeout (the server expires the session
        // after the whole timeout, so there is time left to resume it elsewhere), and ping when idle for half that.
        var readTimeout = Math.Max(timeout * 2 / 3, 1);
        var pingInterval = Math.Max(Math.Min(timeout / 3, MaxPingIntervalMs), 1);
        try
        {
            while (!token.IsCancellationRequested)
            {
                var now = Environment.TickCount64;
                var idleReceive = now - connection.LastReceived;
                if (idleReceive >= readTimeout)
                {
                    connection.Abort($"no data from the server for {idleReceive} ms");
                    return;
                }

                if (pending.TryPeek(out var oldest) && oldest.SentAt != 0 && now - oldest.SentAt >= requestTimeoutMs)
                {
                    // As ZooKeeper's client with a request timeout: the connection is reset, since a reply that
                    // never comes would block every reply behind it.
                    connection.Abort($"no reply within {requestTimeoutMs} ms", timedOut: oldest);
                    return;
                }

                // Auth replies bypass the FIFO of requests, so their oldest is checked on its own.
                if (authWaiters.TryPeek(out var auth) && now - auth.SentAt >= requestTimeoutMs)
                {
                    connection.Abort($"no auth reply within {requestTimeoutMs} ms", timedOut: auth.Waiter);
                    return;
                }

                var idleSend = now - connection.LastSent;
                if (idleSend >= pingInterval)
                {
                    outgoing.Writer.TryWrite(PingRequest.Instance);
                    connection.LastSent = now;
                    idleSend = 0;
                }

                var wait = Math.Min(Math.Min(readTimeout - idleReceive, pingInterval - idleSend), MaxHeartbeatWaitMs);
                await Task.Delay((int)Math.Max(wait, 10), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private async Task ReadLoopAsync(Connection connection)
    {
        var reader = connection.Reader;
        var token = connection.Token;
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            connection.LastReceived = Environment.TickCount64;
            try
            {
                while (true)
                {
                    var status = FrameParser.TryReadFrame(ref buffer, maxFrameLength, out var frame);
                    if (status == FrameStatus.Incomplete)
                    {
                        break;
                    }

                    if (status != FrameStatus.Complete)
                    {
                        throw new IOException($"Invalid reply frame length ({status})");
                    }

                    ProcessFrame(connection, frame);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                throw new EndOfStreamException("The server closed the connection");
            }

            if (connection.IsAborted)
            {
                return;
            }
        }
    }

    private void ProcessFrame(Connection connection, in ReadOnlySequence<byte> frame)
    {
        if (frame.IsSingleSegment)
        {
            ProcessFrame(connection, frame.FirstSpan);
            return;
        }

        // Rare: the frame straddles pipe segments. Copy it into a pooled buffer rather than allocate.
        var length = (int)frame.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            ProcessFrame(connection, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void ProcessFrame(Connection connection, ReadOnlySpan<byte> frame)
    {
        var body = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref body);
        switch (header.Xid)
        {
            case Xids.Ping:
                return;
            case Xids.Auth:
                OnAuthReply(connection, header);
                return;
            case Xids.Notification:
                OnNotification(header, ref body);
                return;
        }

        if (!pending.TryDequeue(out var request))
        {
            throw new IOException($"Reply with xid {header.Xid} while no request is outstanding");
        }

        if (request.Xid != header.Xid)
        {
            // Replies come in request order; anything else means the stream cannot be trusted.
            Fail(request, ErrorCode.ConnectionLoss);
            throw new IOException($"Xid out of order: got {header.Xid} with err {header.Err}, expected {request.Xid}");
        }

        if (header.Zxid > 0)
        {
            Interlocked.Exchange(ref lastZxid, header.Zxid);
        }

        try
        {
            request.OnReply(header, ref body, this);
        }
        catch (JuteException e)
        {
            request.SetError(new MarshallingErrorException(null, $"malformed reply: {e.Message}", e));
            Dispatcher.Complete(request);
            throw;
        }

        Dispatcher.Complete(request);
    }

    private void OnAuthReply(Connection connection, in ReplyHeader header)
    {
        authWaiters.TryDequeue(out var entry);
        var waiter = entry.Waiter;
        var empty = new JuteReader(ReadOnlySpan<byte>.Empty);
        if (header.Err == ErrorCode.AuthFailed)
        {
            // As ZooKeeper's client: a refused auth ends the session for this client; the server closes the socket.
            TransitionTo(ConnectionState.AuthFailed);
            connection.Abort("authentication failed", ErrorCode.AuthFailed);
        }

        if (waiter is not null)
        {
            waiter.OnReply(header, ref empty, this);
            Dispatcher.Complete(waiter);
        }
    }

    private void OnNotification(in ReplyHeader header, ref JuteReader body)
    {
        var watcherEvent = WatcherEvent.Deserialize(ref body);
        if (watcherEvent.Type == EventType.None)
        {
            return;
        }

        var watchers = Watches.Materialize(watcherEvent.Type, watcherEvent.Path);
        if (watchers.Count == 0)
        {
            return;
        }

        var clientPath = Chroot.Strip(watcherEvent.Path);
        Dispatcher.Post(DispatchItem.ForEvent(new WatchedEvent(watcherEvent.Type, watcherEvent.State, clientPath, header.Zxid), watchers));
    }

    private void Fail(IPendingRequest request, ErrorCode code)
    {
        var empty = new JuteReader(ReadOnlySpan<byte>.Empty);
        request.OnReply(new ReplyHeader(request.Xid, 0, code), ref empty, this);
        Dispatcher.Complete(request);
    }

    // Fails everything sent and everything queued: sent requests first, as they were issued earlier.
    private void FailOutstanding(ErrorCode code, IPendingRequest? timedOut)
    {
        while (pending.TryDequeue(out var request))
        {
            Fail(request, ReferenceEquals(request, timedOut) ? ErrorCode.RequestTimeout : code);
        }

        while (authWaiters.TryDequeue(out var entry))
        {
            if (entry.Waiter is { } waiter)
            {
                Fail(waiter, ReferenceEquals(waiter, timedOut) ? ErrorCode.RequestTimeout : code);
            }
        }

        while (outgoing.Reader.TryRead(out var queued))
        {
            if (queued is not PingRequest)
            {
                Fail(queued, code);
            }
        }
    }
}
