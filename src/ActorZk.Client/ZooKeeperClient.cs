using ActorZk.Client.Engine;
using ActorZk.Client.Engine.Codecs;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Multi;
using ActorZk.Client.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client;

/// <summary>
/// An asynchronous ZooKeeper client: one session, kept alive across connection losses by reconnecting to the
/// servers of the connect string, with the semantics of ZooKeeper's Java client (watch rules, ordering, chroot).
/// </summary>
/// <remarks>
/// <para>
/// Requests are sent in call order and complete in that order. A watch event is delivered to its watchers before
/// any request whose reply arrived after it completes. Operations fail with a <see cref="KeeperException"/>: the
/// server's error code (<see cref="NoNodeException"/>, <see cref="BadVersionException"/>, ...), a
/// <see cref="ConnectionLossException"/> when the connection dropped before the reply (the request may or may not
/// have been applied; the session survives), or a <see cref="SessionExpiredException"/> once the session is over.
/// </para>
/// <para>
/// Cancelling a call's token stops waiting for it; a request already queued is still sent and may be applied.
/// Every wait is bounded: requests by <see cref="ZooKeeperClientOptions.RequestTimeout"/>, connection by
/// <see cref="ZooKeeperClientOptions.ConnectTimeout"/>, closing by <see cref="ZooKeeperClientOptions.CloseTimeout"/>.
/// </para>
/// </remarks>
public sealed class ZooKeeperClient : IAsyncDisposable
{
    private readonly ClientSession session;
    private readonly TimeSpan closeTimeout;

    private ZooKeeperClient(ConnectionString connectionString, ZooKeeperClientOptions options)
    {
        ConnectionString = connectionString;
        closeTimeout = options.CloseTimeout;
        session = new ClientSession(connectionString, options, change => StateChanged?.Invoke(this, change));
    }

    /// <summary>
    /// Raised on the event dispatcher when <see cref="State"/> changes, in order with watch events and before the
    /// watchers receive the matching <see cref="EventType.None"/> event.
    /// </summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>The parsed connect string.</summary>
    public ConnectionString ConnectionString { get; }

    /// <summary>The session id.</summary>
    public long SessionId => session.SessionId;

    /// <summary>A copy of the session password; with <see cref="SessionId"/> it lets another client resume the session.</summary>
    public byte[] SessionPassword => session.Password;

    /// <summary>The session timeout negotiated with the server.</summary>
    public TimeSpan SessionTimeout => TimeSpan.FromMilliseconds(session.NegotiatedTimeoutMs);

    /// <summary>The current state.</summary>
    public ConnectionState State => session.State;

    /// <summary>The last zxid seen in a reply; sent when reconnecting so that no server behind it accepts the session.</summary>
    public long LastZxid => session.LastZxid;

    /// <summary>Test hook: awaited before each reconnection attempt, to hold the client disconnected.</summary>
    internal Func<CancellationToken, Task>? BeforeReconnectForTesting
    {
        get => session.BeforeReconnect;
        set => session.BeforeReconnect = value;
    }

    /// <summary>
    /// Connects to one of the servers of <paramref name="connectString"/> and establishes a session (or resumes
    /// <see cref="ZooKeeperClientOptions.SessionId"/>).
    /// </summary>
    /// <param name="connectString"><c>host[:port][,host[:port]...][/chroot]</c>.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Abandons connecting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The connect string or an option is invalid.</exception>
    /// <exception cref="ConnectionLossException">No server accepted the session within the connect timeout.</exception>
    /// <exception cref="SessionExpiredException">The session to resume has expired.</exception>
    public static async Task<ZooKeeperClient> ConnectAsync(string connectString, ZooKeeperClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ZooKeeperClientOptions();
        options.Validate();
        var client = new ZooKeeperClient(ConnectionString.Parse(connectString), options);
        client.session.Start();
        try
        {
            await client.session.FirstConnection.WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (TimeoutException e)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new ConnectionLossException(
                null,
                $"could not establish a session with {connectString} within {options.ConnectTimeout}",
                client.session.LastConnectError ?? e);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a znode.</summary>
    /// <param name="path">The path; for sequential modes, the prefix the server appends a 10-digit counter to.</param>
    /// <param name="data">The data (null is kept distinct from empty).</param>
    /// <param name="acl">The ACL, for example <see cref="Acl.OpenAclUnsafe"/>; must not be empty.</param>
    /// <param name="mode">The create mode.</param>
    /// <param name="ttl">The time-to-live in milliseconds, required for (and only for) the TTL modes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The created path (with the sequence suffix), relative to the chroot.</returns>
    /// <exception cref="NodeExistsException">The node exists.</exception>
    /// <exception cref="NoNodeException">The parent does not exist.</exception>
    /// <exception cref="NoChildrenForEphemeralsException">The parent is ephemeral.</exception>
    public Task<string> CreateAsync(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent, long? ttl = null, CancellationToken cancellationToken = default)
    {
        var (opCode, request) = BuildCreate(path, data, acl, mode, ttl, withStat: false);
        return Send<string, PathCodec>(opCode, request, path, cancellationToken);
    }

    /// <summary>Creates a znode and returns its Stat (ZooKeeper's create2).</summary>
    /// <param name="path">The path; for sequential modes, the prefix.</param>
    /// <param name="data">The data.</param>
    /// <param name="acl">The ACL; must not be empty.</param>
    /// <param name="mode">The create mode.</param>
    /// <param name="ttl">The TTL in milliseconds for the TTL modes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The created path and the new node's Stat.</returns>
    /// <exception cref="KeeperException">As <see cref="CreateAsync"/>.</exception>
    public Task<(string Path, Stat Stat)> CreateWithStatAsync(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent, long? ttl = null, CancellationToken cancellationToken = default)
    {
        var (opCode, request) = BuildCreate(path, data, acl, mode, ttl, withStat: true);
        return Send<(string, Stat), PathAndStatCodec>(opCode, request, path, cancellationToken);
    }

    /// <summary>Deletes a znode.</summary>
    /// <param name="path">The path.</param>
    /// <param name="version">The expected data version, or -1 for any.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once deleted.</returns>
    /// <exception cref="NoNodeException">The node does not exist.</exception>
    /// <exception cref="BadVersionException">The version does not match.</exception>
    /// <exception cref="NotEmptyException">The node has children.</exception>
    public Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);

        // As ZooKeeper's client: "/" is sent as is even under a chroot, so deleting the root always fails.
        var serverPath = path == "/" ? path : session.Chroot.Prepend(path);
        return Send<bool, VoidCodec>(OpCode.Delete, new DeleteRequest(serverPath, version), path, cancellationToken);
    }

    /// <summary>Returns the node's Stat, or null when it does not exist; optionally leaves a watch.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watcher">
    /// Notified once of the node's creation, deletion or data change (a watch is left even when the node does not
    /// exist); null for no watch.
    /// </param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The Stat, or null.</returns>
    public Task<Stat?> ExistsAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        var serverPath = session.Chroot.Prepend(path);
        return Send<Stat?, ExistsCodec>(
            OpCode.Exists,
            new ExistsRequest(serverPath, watcher is not null),
            path,
            cancellationToken,
            watcher is null ? null : new WatchRegistration(WatchKind.Exists, serverPath, watcher));
    }

    /// <summary>As <see cref="ExistsAsync(string, IWatcher?, CancellationToken)"/>, watching with the default watcher.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watch">Whether to leave a watch for <see cref="ZooKeeperClientOptions.DefaultWatcher"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The Stat, or null.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="watch"/> is true and no default watcher was configured.</exception>
    public Task<Stat?> ExistsAsync(string path, bool watch, CancellationToken cancellationToken = default)
        => ExistsAsync(path, DefaultWatcherIf(watch), cancellationToken);

    /// <summary>Reads a znode's data and Stat; optionally leaves a watch.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watcher">Notified once of the node's data change or deletion; null for no watch.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The data (null when created with null) and the Stat.</returns>
    /// <exception cref="NoNodeException">The node does not exist (no watch is left).</exception>
    public Task<(byte[]? Data, Stat Stat)> GetDataAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        var serverPath = session.Chroot.Prepend(path);
        return Send<(byte[]?, Stat), DataCodec>(
            OpCode.GetData,
            new GetDataRequest(serverPath, watcher is not null),
            path,
            cancellationToken,
            watcher is null ? null : new WatchRegistration(WatchKind.Data, serverPath, watcher));
    }

    /// <summary>As <see cref="GetDataAsync(string, IWatcher?, CancellationToken)"/>, watching with the default watcher.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watch">Whether to leave a watch for the default watcher.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The data and the Stat.</returns>
    public Task<(byte[]? Data, Stat Stat)> GetDataAsync(string path, bool watch, CancellationToken cancellationToken = default)
        => GetDataAsync(path, DefaultWatcherIf(watch), cancellationToken);

    /// <summary>Writes a znode's data.</summary>
    /// <param name="path">The path.</param>
    /// <param name="data">The new data (null allowed).</param>
    /// <param name="version">The expected data version, or -1 for any.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The node's Stat after the write.</returns>
    /// <exception cref="NoNodeException">The node does not exist.</exception>
    /// <exception cref="BadVersionException">The version does not match.</exception>
    public Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        return Send<Stat, StatCodec>(OpCode.SetData, new SetDataRequest(session.Chroot.Prepend(path), data, version), path, cancellationToken);
    }

    /// <summary>Lists a znode's children (names, in no particular order); optionally leaves a watch.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watcher">Notified once when a child is created or deleted, or the node deleted; null for no watch.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The children's names.</returns>
    /// <exception cref="NoNodeException">The node does not exist.</exception>
    public Task<IReadOnlyList<string>> GetChildrenAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        var serverPath = session.Chroot.Prepend(path);
        return Send<IReadOnlyList<string>, ChildrenCodec>(
            OpCode.GetChildren,
            new GetChildrenRequest(serverPath, watcher is not null),
            path,
            cancellationToken,
            watcher is null ? null : new WatchRegistration(WatchKind.Child, serverPath, watcher));
    }

    /// <summary>As <see cref="GetChildrenAsync(string, IWatcher?, CancellationToken)"/>, watching with the default watcher.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watch">Whether to leave a watch for the default watcher.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The children's names.</returns>
    public Task<IReadOnlyList<string>> GetChildrenAsync(string path, bool watch, CancellationToken cancellationToken = default)
        => GetChildrenAsync(path, DefaultWatcherIf(watch), cancellationToken);

    /// <summary>Lists a znode's children and returns its Stat (ZooKeeper's getChildren2); optionally leaves a watch.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watcher">Notified once when a child is created or deleted, or the node deleted; null for no watch.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The children's names and the node's Stat.</returns>
    /// <exception cref="NoNodeException">The node does not exist.</exception>
    public Task<(IReadOnlyList<string> Children, Stat Stat)> GetChildrenWithStatAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        var serverPath = session.Chroot.Prepend(path);
        return Send<(IReadOnlyList<string>, Stat), ChildrenAndStatCodec>(
            OpCode.GetChildren2,
            new GetChildren2Request(serverPath, watcher is not null),
            path,
            cancellationToken,
            watcher is null ? null : new WatchRegistration(WatchKind.Child, serverPath, watcher));
    }

    /// <summary>As <see cref="GetChildrenWithStatAsync(string, IWatcher?, CancellationToken)"/>, watching with the default watcher.</summary>
    /// <param name="path">The path.</param>
    /// <param name="watch">Whether to leave a watch for the default watcher.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The children's names and the node's Stat.</returns>
    public Task<(IReadOnlyList<string> Children, Stat Stat)> GetChildrenWithStatAsync(string path, bool watch, CancellationToken cancellationToken = default)
        => GetChildrenWithStatAsync(path, DefaultWatcherIf(watch), cancellationToken);

    /// <summary>Reads a znode's ACL.</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The ACL and the Stat.</returns>
    /// <exception cref="NoNodeException">The node does not exist.</exception>
    public Task<(IReadOnlyList<Acl> Acl, Stat Stat)> GetAclAsync(string path, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        return Send<(IReadOnlyList<Acl>, Stat), AclCodec>(OpCode.GetAcl, new GetACLRequest(session.Chroot.Prepend(path)), path, cancellationToken);
    }

    /// <summary>Replaces a znode's ACL.</summary>
    /// <param name="path">The path.</param>
    /// <param name="acl">The new ACL; must not be empty.</param>
    /// <param name="version">The expected ACL version (<see cref="Stat.Aversion"/>), or -1 for any.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The node's Stat after the change.</returns>
    /// <exception cref="InvalidAclException">The ACL is empty or invalid.</exception>
    /// <exception cref="BadVersionException">The ACL version does not match.</exception>
    public Task<Stat> SetAclAsync(string path, IReadOnlyList<Acl> acl, int version = -1, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        CreateArguments.CheckAcl(acl, path);

        return Send<Stat, StatCodec>(OpCode.SetAcl, new SetACLRequest(session.Chroot.Prepend(path), acl, version), path, cancellationToken);
    }

    /// <summary>Waits until the server this client is connected to has caught up with the leader.</summary>
    /// <param name="path">A path (ZooKeeper syncs the whole tree; the path is only validated).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once synced.</returns>
    public Task SyncAsync(string path = "/", CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        return Send<bool, VoidCodec>(OpCode.Sync, new SyncRequest(session.Chroot.Prepend(path)), path, cancellationToken);
    }

    /// <summary>Starts a transaction builder whose <see cref="Transaction.CommitAsync"/> calls <see cref="MultiAsync"/>.</summary>
    /// <returns>An empty transaction.</returns>
    public Transaction CreateTransaction() => new(this);

    /// <summary>Applies write operations atomically: all or none.</summary>
    /// <param name="ops">Create, delete, setData and check operations (see <see cref="Op"/>).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>One result per operation (an empty list, without a request, for no operations).</returns>
    /// <exception cref="ArgumentException">A read operation is in the list.</exception>
    /// <exception cref="KeeperException">
    /// An operation failed: the exception of its code, with <see cref="KeeperException.MultiResults"/> holding an
    /// <see cref="ErrorResult"/> per operation and <see cref="KeeperException.FailedOpIndex"/> the failing one.
    /// </exception>
    public Task<IReadOnlyList<OpResult>> MultiAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        var list = CheckOps(ops, read: false);
        if (list.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<OpResult>>([]);
        }

        return Send<IReadOnlyList<OpResult>, MultiCodec>(OpCode.Multi, ToRequest(list), null, cancellationToken, state: list);
    }

    /// <summary>Runs read operations together; each succeeds or fails on its own. Leaves no watches.</summary>
    /// <param name="ops">getData and getChildren operations.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>One result per operation: <see cref="GetDataResult"/>, <see cref="GetChildrenResult"/> or <see cref="ErrorResult"/>.</returns>
    /// <exception cref="ArgumentException">A write operation is in the list.</exception>
    public Task<IReadOnlyList<OpResult>> MultiReadAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        var list = CheckOps(ops, read: true);
        if (list.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<OpResult>>([]);
        }

        return Send<IReadOnlyList<OpResult>, MultiReadCodec>(OpCode.MultiRead, ToRequest(list), null, cancellationToken, state: list);
    }

    /// <summary>
    /// Authenticates the session (for example scheme "digest" with "user:password" as UTF-8). The data is kept and
    /// sent again after every reconnection.
    /// </summary>
    /// <param name="scheme">The auth scheme.</param>
    /// <param name="auth">The scheme-specific data.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes when the server accepted it.</returns>
    /// <exception cref="AuthFailedException">The server refused it; the client is unusable (<see cref="ConnectionState.AuthFailed"/>).</exception>
    public Task AddAuthAsync(string scheme, byte[] auth, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(auth);
        var task = session.AddAuthAsync(new AuthPacket(0, scheme, [.. auth]));
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    /// <summary>
    /// Leaves a watch that stays until removed: <see cref="AddWatchMode.Persistent"/> reports the node's data, child
    /// and existence changes; <see cref="AddWatchMode.PersistentRecursive"/> reports creation, deletion and data
    /// changes of the node and all its descendants. The node need not exist.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="mode">The watch mode.</param>
    /// <param name="watcher">The watcher.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once the watch is set.</returns>
    public Task AddWatchAsync(string path, AddWatchMode mode, IWatcher watcher, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        ArgumentNullException.ThrowIfNull(watcher);
        var kind = mode switch
        {
            AddWatchMode.Persistent => WatchKind.Persistent,
            AddWatchMode.PersistentRecursive => WatchKind.PersistentRecursive,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown watch mode"),
        };
        var serverPath = session.Chroot.Prepend(path);
        return Send<bool, VoidCodec>(
            OpCode.AddWatch,
            new AddWatchRequest(serverPath, (int)mode),
            path,
            cancellationToken,
            new WatchRegistration(kind, serverPath, watcher));
    }

    /// <summary>As <see cref="AddWatchAsync(string, AddWatchMode, IWatcher, CancellationToken)"/> with the default watcher.</summary>
    /// <param name="path">The path.</param>
    /// <param name="mode">The watch mode.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once the watch is set.</returns>
    public Task AddWatchAsync(string path, AddWatchMode mode, CancellationToken cancellationToken = default)
        => AddWatchAsync(path, mode, DefaultWatcherIf(true)!, cancellationToken);

    /// <summary>
    /// Removes one watcher's watches of <paramref name="type"/> on a path; the watcher receives a
    /// <see cref="EventType.DataWatchRemoved"/>, <see cref="EventType.ChildWatchRemoved"/> or
    /// <see cref="EventType.PersistentWatchRemoved"/> event.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="watcher">The watcher.</param>
    /// <param name="type">Which watches (Any includes persistent ones).</param>
    /// <param name="local">Remove on the client even if the server cannot be reached.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once removed.</returns>
    /// <exception cref="NoWatcherException">The watcher holds no such watch.</exception>
    public Task RemoveWatchesAsync(string path, IWatcher watcher, WatcherType type, bool local = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        return RemoveWatches(OpCode.CheckWatches, path, watcher, type, local, cancellationToken);
    }

    /// <summary>Removes every watch of <paramref name="type"/> on a path, on the server and here, notifying the removed watchers.</summary>
    /// <param name="path">The path.</param>
    /// <param name="type">Which watches.</param>
    /// <param name="local">Remove on the client even if the server cannot be reached.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once removed.</returns>
    /// <exception cref="NoWatcherException">No such watch exists.</exception>
    public Task RemoveAllWatchesAsync(string path, WatcherType type, bool local = false, CancellationToken cancellationToken = default)
        => RemoveWatches(OpCode.RemoveWatches, path, null, type, local, cancellationToken);

    /// <summary>Asks the server whether this session holds a watch of <paramref name="type"/> on a path; changes nothing.</summary>
    /// <param name="path">The path.</param>
    /// <param name="type">Which watches.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes when one exists.</returns>
    /// <exception cref="NoWatcherException">None exists on the server.</exception>
    public Task CheckWatchesAsync(string path, WatcherType type, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        return Send<bool, VoidCodec>(OpCode.CheckWatches, new CheckWatchesRequest(session.Chroot.Prepend(path), (int)type), path, cancellationToken);
    }

    /// <summary>Lists this session's ephemeral znodes whose path starts with <paramref name="prefixPath"/>.</summary>
    /// <param name="prefixPath">The prefix ("/" for all).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The paths, relative to the chroot.</returns>
    public Task<IReadOnlyList<string>> GetEphemeralsAsync(string prefixPath = "/", CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(prefixPath, parameterName: nameof(prefixPath));
        return Send<IReadOnlyList<string>, EphemeralsCodec>(
            OpCode.GetEphemerals, new GetEphemeralsRequest(session.Chroot.Prepend(prefixPath)), prefixPath, cancellationToken);
    }

    /// <summary>Counts all descendants of a znode (not the node itself).</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The number of descendants.</returns>
    /// <exception cref="NoNodeException">The node does not exist.</exception>
    public Task<int> GetAllChildrenNumberAsync(string path, CancellationToken cancellationToken = default)
    {
        PathValidator.Validate(path);
        return Send<int, IntCodec>(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(session.Chroot.Prepend(path)), path, cancellationToken);
    }

    /// <summary>Returns the identities this session is authenticated as.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The identities (scheme and user).</returns>
    public Task<IReadOnlyList<ClientInfo>> WhoAmIAsync(CancellationToken cancellationToken = default)
        => Send<IReadOnlyList<ClientInfo>, WhoAmICodec>(OpCode.WhoAmI, null, null, cancellationToken);

    /// <summary>
    /// Sends a request as is and returns the raw reply, whatever its error code: no path validation, no chroot, no
    /// watch registration. Meant for tests that check exact server behaviour.
    /// </summary>
    /// <param name="opCode">The request type (not ping, auth or closeSession, which the client manages).</param>
    /// <param name="request">The body after the header, or null for none.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The reply header and body.</returns>
    public Task<RawReply> SendAsync(OpCode opCode, IJuteRecord? request, CancellationToken cancellationToken = default)
    {
        if (opCode is OpCode.Ping or OpCode.Auth or OpCode.CloseSession)
        {
            throw new ArgumentException($"{opCode} is managed by the client; use the dedicated method", nameof(opCode));
        }

        var encoded = request is null ? null : PreEncodedRecord.Encode(request);
        return Send<RawReply, RawCodec>(opCode, encoded, null, cancellationToken);
    }

    /// <summary>
    /// Closes the session (ephemeral nodes are deleted and watchers receive <see cref="KeeperState.Closed"/>), then
    /// releases the connection. Safe to call more than once.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the server's confirmation.</param>
    /// <returns>Completes once closed.</returns>
    public Task CloseAsync(CancellationToken cancellationToken = default) => session.CloseAsync(closeTimeout, cancellationToken);

    /// <summary>Closes the session as <see cref="CloseAsync"/>.</summary>
    /// <returns>Completes once closed.</returns>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <summary>Test hook: drops the TCP connection as a network failure would; the client reconnects.</summary>
    internal void DropConnectionForTesting() => session.DropConnection();

    /// <summary>Test hook: the server the client is connected to, or null while disconnected.</summary>
    internal System.Net.DnsEndPoint? CurrentServerForTesting => session.CurrentServer;

    private static List<Op> CheckOps(IEnumerable<Op> ops, bool read)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var list = ops.ToList();
        foreach (var op in list)
        {
            ArgumentNullException.ThrowIfNull(op, nameof(ops));
            if (op.IsRead != read)
            {
                throw new ArgumentException(
                    read ? "MultiReadAsync takes only getData and getChildren operations" : "MultiAsync takes only create, delete, setData and check operations",
                    nameof(ops));
            }
        }

        return list;
    }

    private MultiRequest ToRequest(List<Op> ops)
    {
        var wire = new MultiOp[ops.Count];
        for (var i = 0; i < wire.Length; i++)
        {
            wire[i] = ops[i].ToProtocol(session.Chroot);
        }

        return new MultiRequest(wire);
    }

    private (OpCode OpCode, IJuteRecord Request) BuildCreate(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode, long? ttl, bool withStat)
    {
        PathValidator.Validate(path, mode.IsSequential());
        CreateArguments.Validate(acl, mode, ttl);
        var serverPath = session.Chroot.Prepend(path);
        if (ttl is { } value)
        {
            return (OpCode.CreateTtl, new CreateTTLRequest(serverPath, data, acl, (int)mode, value));
        }

        var opCode = mode.IsContainer() ? OpCode.CreateContainer : withStat ? OpCode.Create2 : OpCode.Create;
        return (opCode, new CreateRequest(serverPath, data, acl, (int)mode));
    }

    private Task RemoveWatches(OpCode opCode, string path, IWatcher? watcher, WatcherType type, bool local, CancellationToken cancellationToken)
    {
        PathValidator.Validate(path);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown watcher type");
        }

        var serverPath = session.Chroot.Prepend(path);
        IJuteRecord request = opCode == OpCode.CheckWatches
            ? new CheckWatchesRequest(serverPath, (int)type)
            : new RemoveWatchesRequest(serverPath, (int)type);
        return Send<bool, VoidCodec>(opCode, request, path, cancellationToken, removal: new WatchRemoval(serverPath, watcher, type, local));
    }

    private IWatcher? DefaultWatcherIf(bool watch)
    {
        if (!watch)
        {
            return null;
        }

        return session.Watches.DefaultWatcher
            ?? throw new InvalidOperationException("A watch with the default watcher was requested, but ZooKeeperClientOptions.DefaultWatcher is not set");
    }

    private Task<TResult> Send<TResult, TCodec>(
        OpCode opCode,
        IJuteRecord? request,
        string? clientPath,
        CancellationToken cancellationToken,
        WatchRegistration? registration = null,
        WatchRemoval? removal = null,
        object? state = null)
        where TCodec : struct, IReplyCodec<TResult>
    {
        // A token cancelled before the call sends nothing: WaitAsync would hand back a reply that raced in first.
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        var operation = new Operation<TResult, TCodec>(opCode, request, new ReplyContext(session.Chroot, clientPath, state))
        {
            Registration = registration,
            Removal = removal,
        };
        session.Submit(operation);

        // Only a cancellable token costs a wrapper task; the common call returns the operation's own task.
        return cancellationToken.CanBeCanceled ? operation.Task.WaitAsync(cancellationToken) : operation.Task;
    }
}
