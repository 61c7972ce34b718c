using System.Buffers;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <content>The connection loop: choosing a server, the handshake, serving a connection and priming it.</content>
internal sealed partial class ClientSession
{
    private async Task RunAsync()
    {
        var token = lifetime.Token;
        var everConnected = false;
        var lastHeard = Environment.TickCount64;
        try
        {
            while (!token.IsCancellationRequested && !IsClosingOrOver())
            {
                if (everConnected)
                {
                    if (await PauseBeforeReconnectAsync(lastHeard, token).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                var server = hosts.Next(out var roundCompleted);
                if (roundCompleted && reconnectDelayMs > 0)
                {
                    await Task.Delay(reconnectDelayMs, token).ConfigureAwait(false);
                }

                Connection? connection = null;
                try
                {
                    connection = await HandshakeAsync(server, token).ConfigureAwait(false);
                    if (connection is not null)
                    {
                        everConnected = true;
                        await ServeAsync(connection).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Closing.
                }
                catch (Exception e)
                {
                    lastConnectError = e;
                }
                finally
                {
                    if (connection is not null)
                    {
                        current = null;
                        lastHeard = Math.Max(lastHeard, connection.LastReceived);
                        await connection.DisposeAsync().ConfigureAwait(false);
                    }
                }

                // As ZooKeeper's client: every request sent or queued on a lost connection (or while a reconnection
                // attempt failed) fails with ConnectionLoss, before the Disconnected event is delivered.
                FailOutstanding(TerminalCode() ?? connection?.AbortCode ?? ErrorCode.ConnectionLoss, connection?.TimedOutRequest);
                if (connection is not null && !IsClosingOrOver() && !token.IsCancellationRequested)
                {
                    TransitionTo(ConnectionState.Disconnected);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closing while pausing between attempts.
        }
        catch (Exception e)
        {
            // A bug in the loop itself; end the session rather than spin.
            lastConnectError = e;
        }
        finally
        {
            Teardown();
        }
    }

    // Returns true when the session expired locally and the loop must stop.
    private async Task<bool> PauseBeforeReconnectAsync(long lastHeard, CancellationToken token)
    {
        if (reconnectDelayMs > 0)
        {
            // As ZooKeeper's client: a random pause so that clients of a failed server do not all reconnect at once.
            await Task.Delay(Random.Shared.Next(reconnectDelayMs), token).ConfigureAwait(false);
        }

        if (BeforeReconnect is { } hook)
        {
            await hook(token).WaitAsync(token).ConfigureAwait(false);
        }

        // As ZooKeeper's client (3.9): after 4/3 of the session timeout without hearing from any server, the server
        // has certainly expired the session, so stop trying.
        var silentFor = Environment.TickCount64 - lastHeard;
        if (SessionId != 0 && silentFor >= (long)NegotiatedTimeoutMs * 4 / 3)
        {
            TransitionTo(ConnectionState.Expired);
            firstConnection.TrySetException(new SessionExpiredException(null, $"no server reachable for {silentFor} ms"));
            return true;
        }

        return false;
    }

    private async Task<Connection?> HandshakeAsync(System.Net.DnsEndPoint server, CancellationToken token)
    {
        var timeoutMs = Math.Max(NegotiatedTimeoutMs / hosts.Count, 1000);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
        attempt.CancelAfter(timeoutMs);
        Connection? connection = null;
        try
        {
            connection = await Connection.OpenAsync(server, token, attempt.Token).ConfigureAwait(false);
            ConnectRequest request;
            lock (stateLock)
            {
                var id = seenReadWriteServer ? sessionId : 0;
                request = new ConnectRequest(0, LastZxid, requestedTimeoutMs, id, id == 0 ? new byte[16] : password, canBeReadOnly);
            }

            sendBuffer.Clear();
            FrameWriter.WriteConnectRequest(sendBuffer, request);
            await connection.SendAsync(sendBuffer.WrittenMemory, attempt.Token).ConfigureAwait(false);
            var response = await ReadConnectResponseAsync(connection, attempt.Token).ConfigureAwait(false);
            if (response.TimeOut <= 0)
            {
                // The server no longer knows the session.
                TransitionTo(ConnectionState.Expired);
                firstConnection.TrySetException(new SessionExpiredException(null, $"session 0x{SessionId:x} has expired"));
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            OnConnected(connection, response);
            return connection;
        }
        catch (Exception e)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            if (e is OperationCanceledException && !token.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {server.Host}:{server.Port} timed out after {timeoutMs} ms", e);
            }

            throw;
        }
    }

    private async Task<ConnectResponse> ReadConnectResponseAsync(Connection connection, CancellationToken token)
    {
        var reader = connection.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = FrameParser.TryReadFrame(ref buffer, maxFrameLength, out var frame);
            if (status == FrameStatus.Complete)
            {
                var response = Decode(frame);

                // Leave anything after the frame unexamined so the read loop sees it without waiting for more bytes.
                reader.AdvanceTo(buffer.Start);
                connection.LastReceived = Environment.TickCount64;
                return response;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (status != FrameStatus.Incomplete)
            {
                throw new IOException($"Invalid handshake frame ({status})");
            }

            if (result.IsCompleted)
            {
                throw new EndOfStreamException("The server closed the connection during the handshake");
            }
        }

        static ConnectResponse Decode(in ReadOnlySequence<byte> frame)
        {
            var bytes = frame.ToArray();
            var reader = new JuteReader(bytes);
            return ConnectResponse.Deserialize(ref reader);
        }
    }

    private void OnConnected(Connection connection, ConnectResponse response)
    {
        lock (stateLock)
        {
            Volatile.Write(ref negotiatedTimeoutMs, response.TimeOut);
            Interlocked.Exchange(ref sessionId, response.SessionId);
            Volatile.Write(ref password, response.Passwd);
            seenReadWriteServer |= !response.ReadOnly;
            current = connection;
        }

        hosts.OnConnected();
        TransitionTo(response.ReadOnly ? ConnectionState.ConnectedReadOnly : ConnectionState.Connected);

        // ConnectAsync returns once the Connected event has been delivered, so that handlers subscribed afterwards
        // see only later changes.
        if (!firstConnection.Task.IsCompleted)
        {
            Dispatcher.Post(DispatchItem.ForSignal(firstConnection));
        }
    }

    private async Task ServeAsync(Connection connection)
    {
        var writer = WriteLoopAsync(connection, BuildPrimeRequests());
        var heartbeat = HeartbeatLoopAsync(connection);
        try
        {
            await ReadLoopAsync(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or JuteException or OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            connection.Abort(e.Message);
        }
        finally
        {
            connection.Abort("connection ended");
            await writer.ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
    }

    // What a new connection sends before the queued requests: the auth data (so the session regains its identities
    // before anything else runs) and the watches to re-set, relative to the last zxid seen.
    private (List<AuthPacket> Auths, List<InternalRequest> SetWatches) BuildPrimeRequests()
    {
        List<AuthPacket> auths;
        lock (stateLock)
        {
            auths = [.. authInfos];
        }

        var setWatches = new List<InternalRequest>();
        if (disableAutoWatchReset)
        {
            return (auths, setWatches);
        }

        var watches = Watches.Snapshot();
        if (watches.IsEmpty)
        {
            return (auths, setWatches);
        }

        var relativeZxid = LastZxid;
        var lists = new[] { watches.Data, watches.Exist, watches.Child, watches.Persistent, watches.PersistentRecursive };
        var list = 0;
        var index = 0;
        while (list < lists.Length)
        {
            var batch = new[] { new List<string>(), new List<string>(), new List<string>(), new List<string>(), new List<string>() };
            var length = 0;
            while (length < SetWatchesMaxLength && list < lists.Length)
            {
                if (index >= lists[list].Count)
                {
                    list++;
                    index = 0;
                    continue;
                }

                var path = lists[list][index++];
                batch[list].Add(path);
                length += path.Length;
            }

            if (length == 0)
            {
                break;
            }

            // Plain setWatches when no persistent watch is in the batch, as ZooKeeper's client, for older servers.
            setWatches.Add(batch[3].Count == 0 && batch[4].Count == 0
                ? new InternalRequest(OpCode.SetWatches, Xids.SetWatches, new SetWatches(relativeZxid, batch[0], batch[1], batch[2]))
                : new InternalRequest(OpCode.SetWatches2, Xids.SetWatches, new SetWatches2(relativeZxid, batch[0], batch[1], batch[2], batch[3], batch[4])));
        }

        return (auths, setWatches);
    }
}
