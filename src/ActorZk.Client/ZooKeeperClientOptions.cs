namespace ActorZk.Client;

/// <summary>Settings of a <see cref="ZooKeeperClient"/>.</summary>
public sealed class ZooKeeperClientOptions
{
    /// <summary>
    /// The session timeout to ask for (default 30 s). The server clamps it into its
    /// [minSessionTimeout, maxSessionTimeout]; <see cref="ZooKeeperClient.SessionTimeout"/> is the negotiated value.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <see cref="ZooKeeperClient.ConnectAsync"/> may take to establish the session, trying the servers in
    /// turn (default 15 s).
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a sent request may wait for its reply (default 30 s). When the oldest outstanding request exceeds it,
    /// it fails with <see cref="Exceptions.RequestTimeoutException"/> and the connection is reset, as ZooKeeper's
    /// client does with <c>zookeeper.request.timeout</c>.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="ZooKeeperClient.CloseAsync"/> waits for the server to confirm the close (default 5 s).</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest random pause before a reconnection attempt, and the pause after every server of the list has been
    /// tried in vain (default 1 s, as ZooKeeper's client). Zero reconnects at once.
    /// </summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Receives every connection-state change and the events of watches set with <c>watch: true</c>
    /// (ZooKeeper's default watcher). Optional.
    /// </summary>
    public IWatcher? DefaultWatcher { get; set; }

    /// <summary>Whether the client accepts a read-only server when no quorum is reachable (default false).</summary>
    public bool CanBeReadOnly { get; set; }

    /// <summary>
    /// When true, data, exist and child watches are not re-set on the new connection after a disconnection but
    /// dropped (ZooKeeper's <c>zookeeper.disableAutoWatchReset</c>). Default false.
    /// </summary>
    public bool DisableAutoWatchReset { get; set; }

    /// <summary>Whether to try the servers in a random order (default true, as ZooKeeper's client does to spread load).</summary>
    public bool ShuffleHosts { get; set; } = true;

    /// <summary>The largest reply frame accepted, in bytes (default 4 MiB); a larger one resets the connection.</summary>
    public int MaxFrameLength { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Resumes an existing session instead of creating one (with <see cref="SessionPassword"/>); 0 (the default)
    /// creates a new session.
    /// </summary>
    public long SessionId { get; set; }

    /// <summary>The password of the session named by <see cref="SessionId"/>.</summary>
    public byte[]? SessionPassword { get; set; }

    /// <summary>Called when a watcher or a <see cref="ZooKeeperClient.StateChanged"/> handler throws. Optional.</summary>
    public Action<WatchedEvent?, Exception>? WatcherExceptionHandler { get; set; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    internal void Validate()
    {
        if (SessionTimeout <= TimeSpan.Zero || SessionTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException("SessionTimeout must be positive and fit in an int of milliseconds", nameof(SessionTimeout));
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ConnectTimeout must be positive", nameof(ConnectTimeout));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RequestTimeout must be positive", nameof(RequestTimeout));
        }

        if (CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("CloseTimeout must be positive", nameof(CloseTimeout));
        }

        if (ReconnectDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("ReconnectDelay cannot be negative", nameof(ReconnectDelay));
        }

        if (MaxFrameLength < 1024)
        {
            throw new ArgumentException("MaxFrameLength must be at least 1024", nameof(MaxFrameLength));
        }

        if (SessionId != 0 && SessionPassword is null)
        {
            throw new ArgumentException("SessionPassword is required with a SessionId", nameof(SessionPassword));
        }
    }
}
