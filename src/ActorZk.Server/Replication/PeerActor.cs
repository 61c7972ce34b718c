using System.Text;
using ActorZk.Core;
using ActorZk.Core.Processing;
using ActorZk.Core.Sessions;
using ActorZk.Core.Tree;
using ActorZk.Server.Admin;
using ActorZk.Server.Configuration;
using ActorZk.Server.Network;
using ActorZk.Server.Quorum;
using ActorZk.Server.Storage;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <summary>
/// One ensemble member's state machine: it owns the DataTree (with its watches) and the session table,
/// turns writes into txns with zxids, has them logged durably, applies them in zxid order, answers reads,
/// and replies on the client's connection. Standalone mode is this actor leading an ensemble of one.
/// </summary>
/// <remarks>
/// States: Recovering (the txn log rebuilds the tree; client messages wait in the stash) then Serving.
/// Everything runs on the actor's own thread, so the tree needs no locks. Watch events of a txn are queued
/// on the connections while the txn is applied, before its reply, which gives clients ZooKeeper's
/// "event before data" order. The partial files hold one concern each: sessions, requests, writes, admin.
/// </remarks>
public sealed partial class PeerActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private const string TickTimer = "tick";

    private readonly ServerConfig config;
    private readonly ConnectionRegistry connections;
    private readonly ILogger logger;
    private readonly CoreOptions options;
    private readonly Props? logProps;
    private readonly EnsembleContext? ensemble;
    private readonly Dictionary<long, ClientConnection> sessionConnections = [];
    private readonly LatencyStats latency = new();
    private readonly DateTime startedUtc = DateTime.UtcNow;
    private DataTree tree;
    private RequestPreparer preparer;
    private ReadProcessor reads;
    private SessionTracker sessions;
    private IActorRef log = ActorRefs.Nobody;
    private long lastContainerCheck;
    private bool recovering = true;

    /// <param name="config">The member's settings.</param>
    /// <param name="connections">The open client connections (for the four-letter words).</param>
    /// <param name="logger">Where the member logs.</param>
    /// <param name="durable">False only for tests of the request pipeline that need no txn log.</param>
    /// <param name="ensemble">The ensemble in quorum mode; null when standalone.</param>
    public PeerActor(ServerConfig config, ConnectionRegistry connections, ILogger logger, bool durable = true, EnsembleContext? ensemble = null)
    {
        this.config = config;
        this.ensemble = ensemble;
        this.connections = connections;
        this.logger = logger;
        options = new CoreOptions
        {
            ExtendedTypesEnabled = config.ExtendedTypesEnabled,
            MaxDataLength = config.JuteMaxBuffer,
        };
        (tree, sessions, preparer, reads) = CreateState(new DataTree(options));
        if (durable)
        {
            logProps = TxnLogActor.Props(
                Self,
                options,
                config.AutopurgeSnapRetainCount,
                TimeSpan.FromHours(config.AutopurgePurgeInterval),
                logger);
        }

        Recovering();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    public static Props Props(ServerConfig config, ConnectionRegistry connections, ILogger logger, bool durable = true, EnsembleContext? ensemble = null)
        => Akka.Actor.Props.Create(() => new PeerActor(config, connections, logger, durable, ensemble));

    protected override void PreStart()
    {
        if (ensemble is not null)
        {
            election = Context.ActorOf(ElectionActor.Props(ensemble, logger), EnsembleContext.ElectionActorName);
            Context.System.EventStream.Subscribe(Self, typeof(Akka.Remote.DisassociatedEvent));
        }

        if (logProps is null)
        {
            // Without a log the tree starts empty and txns count as logged the moment they are proposed.
            Self.Tell(new LogRecovered(tree, 0, 0, TimeSpan.Zero));
            return;
        }

        StartLog();
    }

    private void StartLog()
    {
        // A log restarted after TRUNC needs a fresh name while the old one's name is released.
        log = Context.ActorOf(logProps!, logIncarnation++ == 0 ? "txnlog" : $"txnlog-{logIncarnation}");
        Context.Watch(log);
    }

    private static long NowMs() => Environment.TickCount64;

    private static long WallClockMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private (DataTree, SessionTracker, RequestPreparer, ReadProcessor) CreateState(DataTree fromTree)
    {
        if (ensemble is not null)
        {
            // As every ZooKeeper quorum member at start and after a sync (ZKDatabase.initConfigInZKDatabase): the
            // membership in /zookeeper/config, version -1, mzxid the configuration's version; not a txn.
            fromTree.InitializeConfigNode(Encoding.UTF8.GetBytes(QuorumMembership.Text(config.Peers, 0)), 0, WallClockMs());
        }

        // A standalone ZooKeeper 3.8 server numbers its sessions as server 1 (ids start with byte 0x01).
        var tracker = new SessionTracker(config.TickTime, serverId: ensemble?.MyId ?? 1, NowMs(), config.ExtendedTypesEnabled);
        return (fromTree, tracker, new RequestPreparer(fromTree, tracker), new ReadProcessor(fromTree));
    }

    private void Recovering()
    {
        Receive<LogRecovered>(OnRecovered);
        Receive<FourLetterWordRequest>(OnFourLetterWord);
        Receive<AdminSnapshotRequest>(OnAdminSnapshot);
        Receive<Terminated>(OnLogTerminated);
        ReceiveAny(_ => Stash.Stash());
    }

    private void Serving()
    {
        ServeClients();
        CommonReceives();
    }

    private void OnRecovered(LogRecovered message)
    {
        (tree, sessions, preparer, reads) = CreateState(message.Tree);
        recovering = false;
        RememberRecovered(message.RecentTxns);
        lastProposedZxid = loggedThrough = committedThrough = appendedThrough = lastTxnZxid = tree.LastProcessedZxid;
        txnsSinceSnapshot = message.TxnsReplayed;

        // Sessions of the log get a full timeout from now to come back, as ZooKeeper gives them on load.
        var now = NowMs();
        foreach (var (sessionId, timeout) in tree.Sessions)
        {
            sessions.TrackSession(sessionId, timeout, now);
        }

        // Sessions are checked a few times per tick: expiry happens on tick boundaries (ZooKeeper's ExpiryQueue).
        Timers.StartPeriodicTimer(TickTimer, Tick.Instance, TimeSpan.FromMilliseconds(Math.Max(10, config.TickTime / 4)));
        lastContainerCheck = now;
        Stash.UnstashAll();
        if (ensemble is null)
        {
            Become(Serving);
            return;
        }

        role = PeerRole.Looking;
        EnterLooking("started");
    }

    private void OnLogTerminated(Terminated message)
    {
        if (!message.ActorRef.Equals(log))
        {
            return;
        }

        if (restartingLog)
        {
            StartLog();
            return;
        }

        // Without a working log nothing more may be acknowledged: stop serving, and the process with it.
        logger.LogCritical("The txn log stopped; shutting the server down so that no write is acknowledged unlogged");
        foreach (var connection in connections.All)
        {
            connection.Close();
        }

        CoordinatedShutdown.Get(Context.System).Run(TxnLogFailedReason.Instance);
    }
}
