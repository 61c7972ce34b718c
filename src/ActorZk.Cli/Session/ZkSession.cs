using ActorZk.Cli.Formatting;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;

namespace ActorZk.Cli.Session;

/// <summary>
/// The shell's connection to ZooKeeper, with zkCli's behaviour: connecting starts at once and in the background,
/// commands wait for it only when they need the server, watch events are printed as they arrive (unless
/// <c>printwatches off</c>), and <c>close</c> leaves the shell "Not connected" until <c>connect</c>.
/// </summary>
/// <remarks>
/// zkCli's Java client keeps trying to connect for ever and fails each queued request when an attempt fails. The
/// .NET client instead retries inside <see cref="ZooKeeperClient.ConnectAsync"/> until its connect timeout, so that
/// timeout is kept short (<see cref="MaxConnectWait"/>) and a command that finds no session starts a new attempt.
/// </remarks>
internal sealed class ZkSession : IAsyncDisposable
{
    /// <summary>The longest a command waits for the first connection before failing with ConnectionLoss.</summary>
    public static readonly TimeSpan MaxConnectWait = TimeSpan.FromSeconds(5);

    private readonly TextWriter output;
    private readonly SessionSettings settings;
    private readonly Lock sync = new();

    private ZooKeeperClient? client;
    private Task<ZooKeeperClient?>? connecting;
    private CancellationTokenSource? connectCancel;

    // Bumped by every new attempt and every close, so that an attempt finishing late does not install its client.
    private int generation;

    private bool printWatches = true;

    // After "close", zkCli's client is CLOSED and every command says "Not connected" until "connect".
    private bool closed;

    /// <summary>Creates the session holder; <see cref="Connect"/> starts connecting.</summary>
    /// <param name="output">Where watch events are printed (standard output).</param>
    /// <param name="settings">Session timeout and read-only mode.</param>
    public ZkSession(TextWriter output, SessionSettings settings)
    {
        this.output = output;
        this.settings = settings;
        Host = string.Empty;
    }

    /// <summary>The connect string of the current (or last) connection, as shown in the prompt.</summary>
    public string Host { get; private set; }

    /// <summary>Whether watch events are printed (<c>printwatches on|off</c>); read on the client's event thread.</summary>
    public bool PrintWatches
    {
        get => Volatile.Read(ref printWatches);
        set => Volatile.Write(ref printWatches, value);
    }

    /// <summary>The state zkCli shows in its prompt: CONNECTING, CONNECTED, CLOSED, ...</summary>
    public string StateName
    {
        get
        {
            lock (sync)
            {
                if (closed)
                {
                    return SessionStates.Closed;
                }

                return client is null ? SessionStates.Connecting : SessionStates.Name(client.State);
            }
        }
    }

    /// <summary>False once the session is closed or its authentication failed (zkCli's <c>isAlive()</c>).</summary>
    public bool IsAlive => SessionStates.IsAlive(StateName);

    /// <summary>The client when a session is established, without waiting or connecting (for tab completion).</summary>
    public ZooKeeperClient? CurrentClient
    {
        get
        {
            lock (sync)
            {
                return closed ? null : client;
            }
        }
    }

    /// <summary>Starts connecting to <paramref name="host"/> in the background (zkCli's <c>connectToZK</c>).</summary>
    /// <param name="host">The connect string.</param>
    public void Connect(string host)
    {
        lock (sync)
        {
            Host = host;
            closed = false;
            client = null;
            StartAttempt();
        }
    }

    /// <summary>Closes the current session, printing its Closed event, then connects to <paramref name="host"/>.</summary>
    /// <param name="host">The connect string.</param>
    /// <returns>Completes once the old session is closed and the new attempt started.</returns>
    public async Task ReconnectAsync(string host)
    {
        await CloseAsync().ConfigureAwait(false);
        Connect(host);
    }

    /// <summary>Waits for a session, starting a new attempt when the previous one failed.</summary>
    /// <param name="path">The path of the command's request, for the ConnectionLoss error.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="KeeperException">ConnectionLoss when no server accepted a session in time.</exception>
    public async Task<ZooKeeperClient> GetClientAsync(string? path)
    {
        Task<ZooKeeperClient?> attempt;
        lock (sync)
        {
            if (client is not null)
            {
                return client;
            }

            if (closed)
            {
                throw new SessionExpiredException(path);
            }

            attempt = connecting is { IsCompleted: true, Result: null } || connecting is null ? StartAttempt() : connecting;
        }

        return await attempt.ConfigureAwait(false) ?? throw new ConnectionLossException(path);
    }

    /// <summary>
    /// Closes the session (zkCli's <c>close</c>); its Closed event is printed like any other. A session still being
    /// established is waited for first, as zkCli's close request waits for the connection.
    /// </summary>
    /// <returns>Completes once closed.</returns>
    public Task CloseAsync() => CloseCoreAsync(waitForConnection: true);

    /// <summary>Closes the session without printing its Closed event, as the shell exits.</summary>
    /// <returns>Completes once closed.</returns>
    public async ValueTask DisposeAsync()
    {
        // zkCli exits without a Closed event; closing the session still frees its ephemeral nodes at once.
        PrintWatches = false;
        await CloseCoreAsync(waitForConnection: false).ConfigureAwait(false);
        lock (sync)
        {
            connectCancel?.Dispose();
            connectCancel = null;
        }
    }

    private async Task CloseCoreAsync(bool waitForConnection)
    {
        ZooKeeperClient? toClose;
        Task<ZooKeeperClient?>? pending;
        lock (sync)
        {
            toClose = client;
            pending = connecting;
            if (!waitForConnection)
            {
                connectCancel?.Cancel();
            }

            client = null;
            connecting = null;
            closed = true;
            generation++;
        }

        if (toClose is null && pending is not null)
        {
            // A cancelled attempt disposes its client itself; one that connected anyway is closed here.
            toClose = await pending.ConfigureAwait(false);
        }

        if (toClose is not null)
        {
            await toClose.CloseAsync().ConfigureAwait(false);
        }
    }

    // Must be called under sync.
    private Task<ZooKeeperClient?> StartAttempt()
    {
        connectCancel?.Cancel();
        connectCancel?.Dispose();
        var cancel = new CancellationTokenSource();
        connectCancel = cancel;
        var attempt = ConnectCoreAsync(Host, ++generation, cancel.Token);
        connecting = attempt;
        return attempt;
    }

    private async Task<ZooKeeperClient?> ConnectCoreAsync(string host, int attempt, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(settings.SessionTimeoutMs);
        var options = new ZooKeeperClientOptions
        {
            SessionTimeout = timeout,
            ConnectTimeout = timeout < MaxConnectWait ? timeout : MaxConnectWait,
            CloseTimeout = TimeSpan.FromSeconds(2),
            CanBeReadOnly = settings.ReadOnly,
            DefaultWatcher = new EventPrinter(this),
        };

        ZooKeeperClient connected;
        try
        {
            connected = await ZooKeeperClient.ConnectAsync(host, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ArgumentException or OperationCanceledException)
        {
            // A bad connect string, no server in time, or a newer connect/close: the command that waits reports
            // ConnectionLoss, as zkCli's queued request would.
            return null;
        }

        lock (sync)
        {
            if (attempt == generation)
            {
                client = connected;
            }
        }

        // Superseded while connecting (closed, or another connect): whoever awaits this attempt closes it.
        return connected;
    }

    /// <summary>
    /// The default watcher of one connection attempt. zkCli's client never gives up connecting, so it never reports
    /// the Closed event of an attempt abandoned here: nothing is printed until the session is established.
    /// </summary>
    private sealed class EventPrinter(ZkSession owner) : IWatcher
    {
        private bool established;

        public void Process(WatchedEvent watchedEvent)
        {
            // Events are delivered one at a time, so the flag needs no lock.
            established |= watchedEvent.State is KeeperState.SyncConnected or KeeperState.ConnectedReadOnly;
            if (established && owner.PrintWatches)
            {
                owner.output.Write(WatchedEventText.Block(watchedEvent));
            }
        }
    }
}
