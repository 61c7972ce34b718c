using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using ActorZk.Server.Admin;
using ActorZk.Server.Replication;
using ActorZk.Server.Threading;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Network;

/// <summary>
/// One client socket. The read loop decodes frames on the I/O thread and tells the peer actor; replies
/// and watch events are encoded into a pending buffer and flushed in batches by one writer at a time,
/// so a burst of replies to one connection costs one send.
/// </summary>
/// <remarks>
/// Fields under "owned by the peer actor" are only touched on the peer actor's thread; counters read
/// by the four-letter words are updated with Interlocked.
/// </remarks>
public sealed class ClientConnection : IWatcher, IDisposable, IThreadPoolWorkItem
{
    private const int MaxPendingBytes = 64 * 1024 * 1024;

    private readonly Socket socket;
    private readonly IActorRef peer;
    private readonly ILogger logger;
    private readonly int maxFrameLength;
    private readonly Func<string, bool> isFourLetterWordEnabled;
    private readonly object gate = new();
    private readonly Action<ClientConnection> onClosed;
    private PooledBufferWriter pending = new(16 * 1024);
    private PooledBufferWriter sending = new(16 * 1024);
    private bool flushing;
    private bool closeAfterFlush;
    private int closed;
    private long packetsReceived;
    private long packetsSent;

    public ClientConnection(
        long id,
        Socket socket,
        IActorRef peer,
        int maxFrameLength,
        Func<string, bool> isFourLetterWordEnabled,
        Action<ClientConnection> onClosed,
        ILogger logger)
    {
        Id = id;
        this.socket = socket;
        this.peer = peer;
        this.maxFrameLength = maxFrameLength;
        this.isFourLetterWordEnabled = isFourLetterWordEnabled;
        this.onClosed = onClosed;
        this.logger = logger;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.Loopback, 0);
        EstablishedUtc = DateTime.UtcNow;
    }

    /// <summary>Gateway-unique connection id.</summary>
    public long Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public DateTime EstablishedUtc { get; }

    public long PacketsReceived => Interlocked.Read(ref packetsReceived);

    public long PacketsSent => Interlocked.Read(ref packetsSent);

    public bool IsClosed => Volatile.Read(ref closed) != 0;

    // ---- owned by the peer actor ----

    /// <summary>The session bound to this connection, 0 before the handshake completes.</summary>
    public long SessionId { get; set; }

    /// <summary>Negotiated session timeout.</summary>
    public int SessionTimeout { get; set; }

    /// <summary>Identities this connection authenticated as (ip always, digest after addauth).</summary>
    public List<Id> AuthInfo { get; } = [];

    /// <inheritdoc />
    IReadOnlyList<Id> IWatcher.AuthInfo => AuthInfo;

    /// <inheritdoc />
    public bool IsStale => IsClosed;

    /// <summary>True when the client asked for a read-only session.</summary>
    public bool ReadOnlyRequested { get; set; }

    /// <summary>Last zxid sent to this client, for the cons four-letter word.</summary>
    public long LastZxid { get; set; }

    /// <summary>ZooKeeper's short name of the last operation answered (cons shows it as lop).</summary>
    public string LastOperation { get; set; } = LastOperationNames.None;

    /// <summary>The xid of the last request answered.</summary>
    public int LastCxid { get; set; }

    /// <summary>Monotonic ms of the last reply.</summary>
    public long LastResponseTime { get; set; }

    /// <summary>Latency of the last reply, in ms.</summary>
    public long LastLatencyMs { get; set; }

    /// <summary>Per-connection latency, reset by crst.</summary>
    public LatencyStats Latency { get; } = new();

    /// <summary>Requests not answered yet, in arrival order: replies leave in this order.</summary>
    internal Queue<InFlightRequest> Pipeline { get; } = new();

    /// <summary>True while the createSession txn of this connection's new session is not applied yet.</summary>
    public bool AwaitingSession { get; set; }

    // ---- end of state owned by the peer actor ----

    /// <summary>Reads frames until the client disconnects or sends something malformed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        AuthInfo.Add(new Id("ip", RemoteEndPoint.Address.ToString()));
        var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var handshakeSeen = false;
        var answeringFourLetterWord = false;
        string? closeReason = null;
        try
        {
            while (!IsClosed)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                try
                {
                    if (!handshakeSeen && TryFourLetterWord(buffer))
                    {
                        // The answer is written by the peer actor, and the connection closes once it is sent.
                        answeringFourLetterWord = true;
                        return;
                    }

                    while (true)
                    {
                        var status = FrameParser.TryReadFrame(ref buffer, maxFrameLength, out var frame);
                        if (status == FrameStatus.Incomplete)
                        {
                            break;
                        }

                        if (status != FrameStatus.Complete)
                        {
                            closeReason = $"invalid frame length ({status}, jute.maxbuffer={maxFrameLength})";
                            return;
                        }

                        Interlocked.Increment(ref packetsReceived);
                        if (!Dispatch(frame, ref handshakeSeen, out closeReason))
                        {
                            return;
                        }
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    closeReason = "client closed the connection";
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            closeReason = "server shutting down";
        }
        catch (IOException e)
        {
            closeReason = e.Message;
        }
        catch (SocketException e)
        {
            closeReason = e.Message;
        }
        finally
        {
            // A close the server asked for (session moved or expired, a reply that ends the connection) is not news.
            var closedByServer = IsClosed;
            if (closeReason is not null && !closedByServer && !closeReason.StartsWith("client closed", StringComparison.Ordinal))
            {
                logger.LogInformation("Closing connection {Id} from {Remote}: {Reason}", Id, RemoteEndPoint, closeReason);
            }

            await reader.CompleteAsync();
            if (!answeringFourLetterWord)
            {
                Close();
            }
        }
    }

    /// <summary>Queues a reply frame. Safe from any thread; a closed or closing connection drops it.</summary>
    public void SendReply(in ReplyHeader header, IJuteRecord? body)
    {
        lock (gate)
        {
            if (!AcceptingLocked)
            {
                return;
            }

            FrameWriter.WriteReply(pending, header, body);
            Interlocked.Increment(ref packetsSent);
            ScheduleFlushLocked();
        }
    }

    /// <summary>Sends a watch event (xid -1); called by the watch manager while a txn is applied.</summary>
    public void Process(in WatchedEvent watchedEvent)
        => SendReply(
            new ReplyHeader(Xids.Notification, watchedEvent.Zxid, 0),
            new WatcherEvent(watchedEvent.Type, watchedEvent.State, watchedEvent.Path));

    /// <summary>Queues the handshake answer; <paramref name="closeAfter"/> closes once it is written.</summary>
    public void SendConnectResponse(ConnectResponse response, bool closeAfter)
    {
        lock (gate)
        {
            if (!AcceptingLocked)
            {
                return;
            }

            FrameWriter.WriteConnectResponse(pending, response);
            Interlocked.Increment(ref packetsSent);
            closeAfterFlush |= closeAfter;
            ScheduleFlushLocked();
        }
    }

    /// <summary>Writes raw bytes (a four-letter word answer) and closes.</summary>
    public void SendRawAndClose(ReadOnlySpan<byte> bytes)
    {
        lock (gate)
        {
            if (!AcceptingLocked)
            {
                return;
            }

            bytes.CopyTo(pending.GetSpan(bytes.Length));
            pending.Advance(bytes.Length);
            closeAfterFlush = true;
            ScheduleFlushLocked();
        }
    }

    /// <summary>Closes once everything queued so far is written.</summary>
    public void CloseAfterFlush()
    {
        lock (gate)
        {
            if (IsClosed)
            {
                return;
            }

            closeAfterFlush = true;
            ScheduleFlushLocked();
        }
    }

    // Once a close is requested nothing more goes out: ZooKeeper stops reading and writing a connection it is
    // closing, so a ping or a watch event queued behind an AuthFailed must not reach the client.
    private bool AcceptingLocked => !closeAfterFlush && !IsClosed;

    /// <summary>Closes the socket now; the peer actor is told once.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }

        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Dispose();
        lock (gate)
        {
            // A flush in progress still reads its buffer; it releases them when it sees the close.
            if (!flushing)
            {
                ReleaseBuffers();
            }
        }

        peer.Tell(new ConnectionClosed(this));
        onClosed(this);
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <inheritdoc />
    public override string ToString() => $"0x{Id:x} {RemoteEndPoint}";

    private bool Dispatch(ReadOnlySequence<byte> frame, ref bool handshakeSeen, out string? closeReason)
    {
        closeReason = null;
        byte[]? rented = null;
        ReadOnlySpan<byte> span;
        if (frame.IsSingleSegment)
        {
            span = frame.FirstSpan;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
            frame.CopyTo(rented);
            span = rented.AsSpan(0, (int)frame.Length);
        }

        try
        {
            var reader = new JuteReader(span);
            if (!handshakeSeen)
            {
                handshakeSeen = true;
                var connect = ConnectRequest.Deserialize(ref reader);
                peer.Tell(new ConnectSession(this, connect));
                return true;
            }

            var header = RequestHeader.Deserialize(ref reader);
            IJuteRecord? request;
            try
            {
                request = RequestDecoder.Decode(header.Type, ref reader);
            }
            catch (JuteException e)
            {
                // ZooKeeper decodes the body only in its request processors and answers MarshallingError,
                // keeping the connection; only a bad frame or header closes it.
                logger.LogInformation("Malformed {Op} request from {Remote}: {Message}", header.Type, RemoteEndPoint, e.Message);
                request = MalformedRequest.Instance;
            }

            peer.Tell(new ClientRequest(this, header, request, Stopwatch.GetTimestamp()));
            return true;
        }
        catch (JuteException e)
        {
            closeReason = $"malformed request: {e.Message}";
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private bool TryFourLetterWord(in ReadOnlySequence<byte> buffer)
    {
        if (!FourLetterWords.TryGetCommand(buffer, out var word))
        {
            return false;
        }

        // The word counts as a received packet, as ZooKeeper's stat and cons show for the asking connection.
        Interlocked.Increment(ref packetsReceived);
        if (word == FourLetterWords.TelnetClose)
        {
            Close();
            return true;
        }

        if (!isFourLetterWordEnabled(word))
        {
            SendRawAndClose(System.Text.Encoding.ASCII.GetBytes($"{word} is not executed because it is not in the whitelist.\n"));
        }
        else
        {
            peer.Tell(new FourLetterWordRequest(this, word));
        }

        return true;
    }

    private void ScheduleFlushLocked()
    {
        if (pending.WrittenCount > MaxPendingBytes)
        {
            // A client that stopped reading must not hold the server's memory hostage.
            logger.LogWarning("Connection {Id} from {Remote} is not reading its replies; closing it", Id, RemoteEndPoint);
            pending.Clear();
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.Close(), this, preferLocal: false);
            return;
        }

        if (!flushing)
        {
            flushing = true;

            // On the worker running the peer actor, once the peer's turn ends (or in that worker's local queue when
            // the turn already holds something back). Through the global queue every reply woke a worker of its own.
            // bench/ab.sh, 3 rounds, local vs global queue: set x10 +10% throughput at -15% CPU per op, get x10 +8% /
            // -15%, get x100 +5% / -13%, set x100 -4% / +3%, 1 session unchanged (bench/findings.md).
            WorkerContinuation.Schedule(this);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = FlushAsync();

    private async Task FlushAsync()
    {
        try
        {
            while (true)
            {
                bool closeNow;
                lock (gate)
                {
                    if (IsClosed)
                    {
                        flushing = false;
                        ReleaseBuffers();
                        return;
                    }

                    if (pending.WrittenCount == 0)
                    {
                        flushing = false;
                        closeNow = closeAfterFlush;
                        if (!closeNow)
                        {
                            return;
                        }
                    }
                    else
                    {
                        (pending, sending) = (sending, pending);
                        closeNow = false;
                    }
                }

                if (closeNow)
                {
                    Close();
                    return;
                }

                var memory = sending.WrittenMemory;
                while (memory.Length > 0)
                {
                    var sent = await socket.SendAsync(memory, SocketFlags.None);
                    memory = memory[sent..];
                }

                sending.Clear();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            lock (gate)
            {
                flushing = false;
            }

            Close();
            lock (gate)
            {
                ReleaseBuffers();
            }
        }
    }

    private void ReleaseBuffers()
    {
        pending.Dispose();
        sending.Dispose();
    }
}
