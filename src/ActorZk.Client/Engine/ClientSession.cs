using System.Collections.Concurrent;
using System.Threading.Channels;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <summary>
/// The engine of a <see cref="ZooKeeperClient"/> (ZooKeeper's <c>ClientCnxn</c>): one socket at a time, a writer
/// that assigns xids and batches frames, a read loop that matches replies to the FIFO of sent requests and turns
/// notifications into watch events, a heartbeat that pings and detects a silent server, and the reconnection loop
/// that resumes the session (same id and password, last zxid seen, auth data and watches re-sent) on the next server.
/// </summary>
internal sealed partial class ClientSession : IAsyncDisposable
{
    // As ZooKeeper's client: setWatches is split so that no packet exceeds the server's jute.maxbuffer.
    private const int SetWatchesMaxLength = 128 * 1024;

    // Frames are gathered into one socket write up to this size.
    private const int MaxBatchBytes = 64 * 1024;

    // As ZooKeeper's client: ping at least this often, whatever the session timeout.
    private const int MaxPingIntervalMs = 10_000;

    // The heartbeat wakes at least this often to check the oldest request against the request timeout.
    private const int MaxHeartbeatWaitMs = 1_000;

    private readonly HostProvider hosts;
    private readonly int requestedTimeoutMs;
    private readonly long requestTimeoutMs;
    private readonly int reconnectDelayMs;
    private readonly bool canBeReadOnly;
    private readonly bool disableAutoWatchReset;
    private readonly int maxFrameLength;
    private readonly Channel<IPendingRequest> outgoing = Channel.CreateUnbounded<IPendingRequest>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly ConcurrentQueue<IPendingRequest> pending = new();

    // Auth packets sent and not yet answered, in order, with when they were sent; the waiter is null for the auth
    // data re-sent on a new connection, whose replies nobody awaits.
    private readonly ConcurrentQueue<(AuthRequest? Waiter, long SentAt)> authWaiters = new();
    private readonly List<AuthPacket> authInfos = [];
    private readonly Lock stateLock = new();
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Reused for every frame written: encoding allocates nothing once it has grown to the working size.
    private readonly PooledBufferWriter sendBuffer = new(16 * 1024);

    private volatile ConnectionState state = ConnectionState.Connecting;
    private bool closing;
    private long sessionId;
    private byte[] password;
    private int negotiatedTimeoutMs;
    private long lastZxid;
    private bool seenReadWriteServer;
    private volatile Connection? current;
    private volatile Exception? lastConnectError;
    private int nextXid = 1;
    private Task runTask = Task.CompletedTask;
    private Task? closeTask;

    /// <summary>Creates the engine; <see cref="Start"/> begins connecting.</summary>
    /// <param name="connectionString">The servers and chroot.</param>
    /// <param name="options">The settings (copied).</param>
    /// <param name="raiseStateChanged">Raises the client's StateChanged event on the dispatcher.</param>
    public ClientSession(ConnectionString connectionString, ZooKeeperClientOptions options, Action<ConnectionStateChangedEventArgs> raiseStateChanged)
    {
        hosts = new HostProvider(connectionString.Hosts, options.ShuffleHosts);
        Chroot = Chroot.Of(connectionString.ChrootPath);
        requestedTimeoutMs = (int)options.SessionTimeout.TotalMilliseconds;
        negotiatedTimeoutMs = requestedTimeoutMs;
        requestTimeoutMs = (long)options.RequestTimeout.TotalMilliseconds;
        reconnectDelayMs = (int)Math.Min(options.ReconnectDelay.TotalMilliseconds, int.MaxValue);
        canBeReadOnly = options.CanBeReadOnly;
        disableAutoWatchReset = options.DisableAutoWatchReset;
        maxFrameLength = options.MaxFrameLength;
        sessionId = options.SessionId;
        password = options.SessionId != 0 && options.SessionPassword is { } given ? [.. given] : new byte[16];

        // A caller resuming a session has seen it on a read-write server, so it must be presented (ZooKeeper does the same).
        seenReadWriteServer = options.SessionId != 0;
        Watches = new ClientWatchManager(options.DefaultWatcher, options.DisableAutoWatchReset);
        Dispatcher = new EventDispatcher(raiseStateChanged, options.WatcherExceptionHandler);
    }

    /// <summary>The chroot mapping.</summary>
    public Chroot Chroot { get; }

    /// <summary>The client-side watch tables.</summary>
    public ClientWatchManager Watches { get; }

    /// <summary>Delivers events and ordered completions.</summary>
    public EventDispatcher Dispatcher { get; }

    /// <summary>The current state.</summary>
    public ConnectionState State => state;

    /// <summary>The session id (0 before the first connection).</summary>
    public long SessionId => Interlocked.Read(ref sessionId);

    /// <summary>A copy of the session password.</summary>
    public byte[] Password => [.. Volatile.Read(ref password)];

    /// <summary>The negotiated session timeout in milliseconds (the requested one before the first connection).</summary>
    public int NegotiatedTimeoutMs => Volatile.Read(ref negotiatedTimeoutMs);

    /// <summary>The last zxid seen in a reply.</summary>
    public long LastZxid => Interlocked.Read(ref lastZxid);

    /// <summary>
    /// Completes when the session is first established and its Connected event delivered; fails when it cannot be.
    /// </summary>
    public Task FirstConnection => firstConnection.Task;

    /// <summary>The last error of a failed connection attempt, for diagnostics.</summary>
    public Exception? LastConnectError => lastConnectError;

    /// <summary>Test hook: awaited before every reconnection attempt (not before the first connection).</summary>
    internal Func<CancellationToken, Task>? BeforeReconnect { get; set; }

    /// <summary>Starts the connection loop.</summary>
    public void Start() => runTask = Task.Run(RunAsync);

    /// <summary>Queues a request, or fails it at once when the session is closing or over.</summary>
    /// <param name="request">The request.</param>
    public void Submit(IPendingRequest request)
    {
        Exception? rejection;
        lock (stateLock)
        {
            rejection = Rejection();
            if (rejection is null)
            {
                outgoing.Writer.TryWrite(request);
                return;
            }
        }

        request.SetError(rejection);
        request.Complete();
    }

    /// <summary>Adds authentication data: sent now, and again after every reconnection.</summary>
    /// <param name="packet">The auth packet.</param>
    /// <returns>Completes when the server accepted it.</returns>
    public Task AddAuthAsync(AuthPacket packet)
    {
        var request = new AuthRequest(packet);
        lock (stateLock)
        {
            var rejection = Rejection();
            if (rejection is not null)
            {
                return Task.FromException(rejection);
            }

            authInfos.Add(packet);
            outgoing.Writer.TryWrite(request);
        }

        return request.Task;
    }

    /// <summary>Applies a watch removal when its reply arrives, queueing the removal events.</summary>
    /// <param name="removal">What to remove.</param>
    /// <param name="err">The reply's error code.</param>
    /// <param name="clientPath">The client path, for exceptions and events.</param>
    /// <returns>True when watchers were removed locally.</returns>
    /// <exception cref="KeeperException">NoWatcher, or the server's error.</exception>
    public bool RemoveWatches(WatchRemoval removal, ErrorCode err, string clientPath)
    {
        var (child, data, persistent) = Watches.Remove(removal, err, clientPath);

        // As ZooKeeper's client: the removal events say Disconnected when the server could not be reached.
        var keeperState = err is ErrorCode.ConnectionLoss or ErrorCode.SessionExpired ? KeeperState.Disconnected : KeeperState.SyncConnected;
        var path = Chroot.Strip(removal.ServerPath);
        var any = false;
        foreach (var (type, watchers) in new[]
        {
            (EventType.ChildWatchRemoved, child),
            (EventType.DataWatchRemoved, data),
            (EventType.PersistentWatchRemoved, persistent),
        })
        {
            if (watchers.Count > 0)
            {
                any = true;
                Dispatcher.Post(DispatchItem.ForEvent(new WatchedEvent(type, keeperState, path), watchers));
            }
        }

        return any;
    }

    /// <summary>Closes the session: closeSession if connected, then stops the engine. Concurrent calls share one close.</summary>
    /// <param name="timeout">Bounds each wait.</param>
    /// <param name="cancellationToken">Stops waiting (the engine is stopped regardless).</param>
    /// <returns>A task completing once closed.</returns>
    public Task CloseAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task close;
        lock (stateLock)
        {
            close = closeTask ??= CloseCoreAsync(timeout);
        }

        // Called from a watcher, the returned task completes once the watcher has returned and the dispatcher drained;
        // a watcher blocking on it only delays the close by the timeout, as every wait of the close is bounded.
        return cancellationToken.CanBeCanceled ? WaitQuietlyAsync(close, Timeout.InfiniteTimeSpan, cancellationToken) : close;
    }

    private async Task CloseCoreAsync(TimeSpan timeout)
    {
        // Yield so that the caller's lock is released before anything below runs.
        await Task.Yield();
        Operation<bool, Codecs.VoidCodec>? close = null;
        lock (stateLock)
        {
            if (!IsTerminal(state) && !closing)
            {
                closing = true;
                if (state is ConnectionState.Connected or ConnectionState.ConnectedReadOnly)
                {
                    close = new Operation<bool, Codecs.VoidCodec>(OpCode.CloseSession, null, new ReplyContext(Chroot, null, null));
                    outgoing.Writer.TryWrite(close);
                }
            }
        }

        try
        {
            if (close is not null)
            {
                await WaitQuietlyAsync(close.Task, timeout, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
        }

        await WaitQuietlyAsync(runTask, timeout, CancellationToken.None).ConfigureAwait(false);
        await WaitQuietlyAsync(Dispatcher.Completion, timeout, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Closes the session with the default bounds (5 s per wait).</summary>
    /// <returns>A task completing once closed.</returns>
    public async ValueTask DisposeAsync() => await CloseAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);

    /// <summary>Test hook: drops the current connection as if the network failed; the session reconnects.</summary>
    internal void DropConnection() => current?.Abort("dropped by test hook");

    /// <summary>Test hook: the server of the current connection, or null while disconnected.</summary>
    internal System.Net.DnsEndPoint? CurrentServer => current?.Server;

    private static bool IsTerminal(ConnectionState s) => s is ConnectionState.Expired or ConnectionState.AuthFailed or ConnectionState.Closed;

    private static KeeperState ToKeeperState(ConnectionState s) => s switch
    {
        ConnectionState.Connected => KeeperState.SyncConnected,
        ConnectionState.ConnectedReadOnly => KeeperState.ConnectedReadOnly,
        ConnectionState.Expired => KeeperState.Expired,
        ConnectionState.AuthFailed => KeeperState.AuthFailed,
        ConnectionState.Closed => KeeperState.Closed,
        _ => KeeperState.Disconnected,
    };

    private static async Task WaitQuietlyAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or KeeperException or OperationCanceledException)
        {
            // Closing is best effort: a lost connection, a slow server or the caller giving up must not stop it.
        }
    }

    // Must be called under stateLock.
    private Exception? Rejection() => state switch
    {
        ConnectionState.Expired => new SessionExpiredException(null, "the session has expired"),
        ConnectionState.AuthFailed => new AuthFailedException(null, "authentication failed; the client is unusable"),
        ConnectionState.Closed => new SessionExpiredException(null, "the client is closed"),
        _ when closing => new ConnectionLossException(null, "the client is closing"),
        _ => null,
    };

    private ErrorCode? TerminalCode() => state switch
    {
        ConnectionState.Expired => ErrorCode.SessionExpired,
        ConnectionState.AuthFailed => ErrorCode.AuthFailed,
        _ => null,
    };

    private bool IsClosingOrOver()
    {
        lock (stateLock)
        {
            return closing || IsTerminal(state);
        }
    }

    private void TransitionTo(ConnectionState next)
    {
        ConnectionState previous;
        lock (stateLock)
        {
            previous = state;
            if (previous == next || IsTerminal(previous))
            {
                return;
            }

            state = next;
        }

        var keeperState = ToKeeperState(next);
        var watchedEvent = new WatchedEvent(EventType.None, keeperState, null);
        Dispatcher.Post(DispatchItem.ForStateChange(
            new ConnectionStateChangedEventArgs(previous, next),
            watchedEvent,
            Watches.MaterializeStateChange(keeperState)));
    }

    private void Teardown()
    {
        lock (stateLock)
        {
            closing = true;
        }

        TransitionTo(ConnectionState.Closed);
        FailOutstanding(TerminalCode() ?? ErrorCode.ConnectionLoss, null);
        firstConnection.TrySetException(lastConnectError is { } error
            ? new ConnectionLossException(null, $"could not connect: {error.Message}", error)
            : new ConnectionLossException(null, "the client was closed before it connected"));

        // Observed here, as ConnectAsync may have stopped waiting for it (timeout), so it is never reported unobserved.
        _ = firstConnection.Task.Exception;
        Dispatcher.Shutdown();
        sendBuffer.Dispose();
    }
}
