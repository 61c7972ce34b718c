using System.Diagnostics;
using System.Text;
using ActorZk.Core;
using ActorZk.Core.Acl;
using ActorZk.Core.Containers;
using ActorZk.Core.Processing;
using ActorZk.Core.Sessions;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using ActorZk.Server.Admin;
using ActorZk.Server.Configuration;
using ActorZk.Server.Network;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <summary>
/// One ensemble member's state machine: it owns the DataTree (with its watches) and the session table,
/// turns writes into txns with zxids, applies them in zxid order, answers reads, and replies on the
/// client's connection. Standalone mode is this actor leading an ensemble of one.
/// </summary>
/// <remarks>
/// Everything here runs on the actor's own thread, so the tree needs no locks. Watch events of a txn are
/// queued on the connections while the txn is applied, before its reply, which gives clients ZooKeeper's
/// "event before data" order.
/// </remarks>
public sealed class PeerActor : ReceiveActor, IWithTimers
{
    private const string TickTimer = "tick";

    private readonly ServerConfig config;
    private readonly ConnectionRegistry connections;
    private readonly ILogger logger;
    private readonly DataTree tree;
    private readonly RequestPreparer preparer;
    private readonly ReadProcessor reads;
    private readonly SessionTracker sessions;
    private readonly Dictionary<long, ClientConnection> sessionConnections = [];
    private readonly LatencyStats latency = new();
    private readonly DateTime startedUtc = DateTime.UtcNow;
    private long lastContainerCheck;
    private int txnCounter;

    public PeerActor(ServerConfig config, ConnectionRegistry connections, ILogger logger)
    {
        this.config = config;
        this.connections = connections;
        this.logger = logger;
        var options = new CoreOptions
        {
            ExtendedTypesEnabled = config.ExtendedTypesEnabled,
            MaxDataLength = config.JuteMaxBuffer,
        };
        tree = new DataTree(options);
        sessions = new SessionTracker(config.TickTime, serverId: 0, NowMs(), config.ExtendedTypesEnabled);
        preparer = new RequestPreparer(tree, sessions);
        reads = new ReadProcessor(tree);

        Receive<ClientRequest>(OnRequest);
        Receive<ConnectSession>(OnConnect);
        Receive<ConnectionClosed>(OnConnectionClosed);
        Receive<Tick>(_ => OnTick());
        Receive<FourLetterWordRequest>(OnFourLetterWord);
        Receive<GetPeerStatus>(_ => Sender.Tell(new PeerStatus(
            "standalone", tree.LastProcessedZxid, tree.NodeCount, sessions.Count, tree.WatchCount)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ServerConfig config, ConnectionRegistry connections, ILogger logger)
        => Akka.Actor.Props.Create(() => new PeerActor(config, connections, logger));

    protected override void PreStart()
    {
        // Sessions expire on tick boundaries, as in ZooKeeper's ExpiryQueue; check a few times per tick.
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, config.TickTime / 4));
        Timers.StartPeriodicTimer(TickTimer, Tick.Instance, interval);
        lastContainerCheck = NowMs();
    }

    private static long NowMs() => Environment.TickCount64;

    private static long WallClockMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private long NextZxid()
    {
        // Standalone keeps epoch 0, as ZooKeeper's standalone server does (zxids 0x1, 0x2, ...).
        var epoch = tree.LastProcessedZxid >> 32;
        txnCounter = (int)(tree.LastProcessedZxid & 0xffffffffL) + 1;
        return (epoch << 32) | (uint)txnCounter;
    }

    // ---------------------------------------------------------------- sessions

    private void OnConnect(ConnectSession message)
    {
        var connection = message.Connection;
        var request = message.Request;
        if (connection.IsClosed)
        {
            return;
        }

        if (request.LastZxidSeen > tree.LastProcessedZxid)
        {
            logger.LogInformation(
                "Refusing session request for client {Remote} as it has seen zxid 0x{Seen:x} our last zxid is 0x{Ours:x} client must try another server",
                connection.RemoteEndPoint,
                request.LastZxidSeen,
                tree.LastProcessedZxid);
            connection.Close();
            return;
        }

        var timeout = Math.Clamp(request.TimeOut, config.MinSessionTimeout, config.MaxSessionTimeout);
        connection.ReadOnlyRequested = request.ReadOnly;
        connection.SessionTimeout = timeout;
        long sessionId;
        if (request.SessionId == 0)
        {
            sessionId = sessions.CreateSession(timeout, NowMs());
            Apply(preparer.Prepare(sessionId, 0, OpCode.CreateSession, new CreateSessionTxn(timeout), [], NextZxid(), WallClockMs()));
            logger.LogDebug("Established session 0x{Session:x} with negotiated timeout {Timeout} for client {Remote}",
                sessionId, timeout, connection.RemoteEndPoint);
        }
        else
        {
            sessionId = request.SessionId;

            // ZooKeeper closes the session's current socket before it checks the password, so even a refused
            // attempt disconnects the current owner (the session itself survives).
            if (sessionConnections.Remove(sessionId, out var previous) && previous != connection)
            {
                previous.SessionId = 0;
                previous.Close();
            }

            var valid = SessionPasswords.Check(sessionId, request.Passwd) && sessions.TouchSession(sessionId, timeout, NowMs());
            if (!valid)
            {
                logger.LogInformation("Invalid session 0x{Session:x} for client {Remote}, probably expired",
                    sessionId, connection.RemoteEndPoint);
                connection.SendConnectResponse(
                    new ConnectResponse(0, 0, 0, new byte[16], false) { WriteReadOnlyFlag = request.HasReadOnlyFlag },
                    closeAfter: true);
                return;
            }
        }

        connection.SessionId = sessionId;
        sessionConnections[sessionId] = connection;
        connection.SendConnectResponse(
            new ConnectResponse(0, timeout, sessionId, SessionPasswords.Generate(sessionId), false)
            {
                WriteReadOnlyFlag = request.HasReadOnlyFlag,
            },
            closeAfter: false);
    }

    private void OnConnectionClosed(ConnectionClosed message)
    {
        var connection = message.Connection;
        tree.RemoveWatcher(connection);
        if (connection.SessionId != 0
            && sessionConnections.TryGetValue(connection.SessionId, out var bound)
            && bound == connection)
        {
            // The session outlives its socket until it expires or the client reconnects.
            sessionConnections.Remove(connection.SessionId);
        }
    }

    private void OnTick()
    {
        var now = NowMs();
        foreach (var sessionId in sessions.PopExpired(now))
        {
            logger.LogInformation("Expiring session 0x{Session:x}", sessionId);
            CloseSession(sessionId);
            if (sessionConnections.Remove(sessionId, out var connection))
            {
                connection.SessionId = 0;
                connection.Close();
            }
        }

        if (now - lastContainerCheck >= config.ContainerCheckIntervalMs)
        {
            lastContainerCheck = now;
            RemoveEmptyContainers();
        }
    }

    private long CloseSession(long sessionId, int cxid = 0)
    {
        var prepared = preparer.Prepare(sessionId, cxid, OpCode.CloseSession, null, [], NextZxid(), WallClockMs());
        Apply(prepared);
        sessions.RemoveSession(sessionId);
        return prepared.Header.Zxid;
    }

    private void RemoveEmptyContainers()
    {
        var budget = Math.Max(1, (int)((long)config.ContainerMaxPerMinute * config.ContainerCheckIntervalMs / 60_000));
        foreach (var path in ContainerCleanup.FindCandidates(tree, WallClockMs()))
        {
            if (budget-- <= 0)
            {
                break;
            }

            // Server-generated deletes run through the same preparation as a client's, so a container that
            // gained a child meanwhile is simply left alone (NotEmpty).
            var prepared = preparer.Prepare(0, 0, OpCode.DeleteContainer, new DeleteContainerRequest(path), [], NextZxid(), WallClockMs());
            Apply(prepared);
        }
    }

    // ---------------------------------------------------------------- requests

    private void OnRequest(ClientRequest message)
    {
        var connection = message.Connection;
        var header = message.Header;
        if (connection.IsClosed || connection.SessionId == 0)
        {
            // A request that raced with the close of its connection, or arrived before a refused handshake.
            return;
        }

        var sessionId = connection.SessionId;
        if (!sessions.TouchSession(sessionId, connection.SessionTimeout, NowMs()))
        {
            connection.SendReply(new ReplyHeader(header.Xid, tree.LastProcessedZxid, ErrorCode.SessionExpired), null);
            connection.CloseAfterFlush();
            return;
        }

        var op = header.Type;
        var request = message.Request;
        if (request is MalformedRequest)
        {
            Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.MarshallingError, null, message.ReceivedAt);
            return;
        }

        switch (op)
        {
            case OpCode.Ping:
                Reply(connection, op, Xids.Ping, tree.LastProcessedZxid, ErrorCode.Ok, null, message.ReceivedAt);
                return;
            case OpCode.Auth when request is AuthPacket auth:
                OnAuth(connection, header, auth);
                return;
            case OpCode.CloseSession:
                var closeZxid = CloseSession(sessionId, header.Xid);
                sessionConnections.Remove(sessionId);
                Reply(connection, op, header.Xid, closeZxid, ErrorCode.Ok, null, message.ReceivedAt);
                connection.SessionId = 0;
                connection.CloseAfterFlush();
                return;
            case OpCode.Sync when request is SyncRequest sync:
                // Standalone: every write is already applied, so sync answers at once.
                Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.Ok, new SyncResponse(sync.Path), message.ReceivedAt);
                return;
            case OpCode.Reconfig:
                Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.ReconfigDisabled, null, message.ReceivedAt);
                return;
            case OpCode.Sasl:
                Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.Unimplemented, null, message.ReceivedAt);
                return;
        }

        if (request is null || !ReadProcessor.IsValidClientType(op))
        {
            // ZooKeeper answers a request type it does not accept from clients with Unimplemented and drops the client.
            Reply(connection, op, header.Xid, -1, ErrorCode.Unimplemented, null, message.ReceivedAt);
            connection.CloseAfterFlush();
            return;
        }

        if (RequestPreparer.IsWrite(op))
        {
            var zxid = NextZxid();
            var prepared = preparer.Prepare(sessionId, header.Xid, op, request, connection.AuthInfo, zxid, WallClockMs());
            var reply = ReplyBuilder.Build(Apply(prepared));
            Reply(connection, op, header.Xid, zxid, reply.Err, reply.Response, message.ReceivedAt);
            return;
        }

        var read = reads.Process(sessionId, op, request, connection.AuthInfo, connection);
        var replyXid = op is OpCode.SetWatches or OpCode.SetWatches2 ? Xids.SetWatches : header.Xid;
        Reply(connection, op, replyXid, tree.LastProcessedZxid, read.Err, read.Response, message.ReceivedAt);
        if (read.CloseConnection)
        {
            connection.CloseAfterFlush();
        }
    }

    private void OnAuth(ClientConnection connection, RequestHeader header, AuthPacket auth)
    {
        if (auth.Scheme == DigestAuth.Scheme)
        {
            foreach (var id in DigestAuth.Authenticate(auth.Auth, superDigest: null))
            {
                if (!connection.AuthInfo.Contains(id))
                {
                    connection.AuthInfo.Add(id);
                }
            }

            connection.SendReply(new ReplyHeader(header.Xid, 0, ErrorCode.Ok), null);
            return;
        }

        if (auth.Scheme == IpAuth.Scheme)
        {
            // The ip provider authenticates the connection's own address, which every connection already has.
            connection.SendReply(new ReplyHeader(header.Xid, 0, ErrorCode.Ok), null);
            return;
        }

        logger.LogWarning("No authentication provider for scheme: {Scheme}", auth.Scheme);
        connection.SendReply(new ReplyHeader(header.Xid, 0, ErrorCode.AuthFailed), null);
        connection.CloseAfterFlush();
    }

    private ProcessTxnResult Apply(PreparedTxn prepared)
    {
        var result = tree.ProcessTxn(prepared.Header, prepared.Txn);
        preparer.Applied(prepared.Header.Zxid);
        return result;
    }

    private void Reply(ClientConnection connection, OpCode op, int xid, long zxid, ErrorCode err, IJuteRecord? body, long receivedAt)
    {
        connection.SendReply(new ReplyHeader(xid, zxid, err), body);
        var elapsed = (long)Stopwatch.GetElapsedTime(receivedAt).TotalMilliseconds;
        latency.Add(elapsed);
        connection.Latency.Add(elapsed);
        connection.LastZxid = zxid;
        connection.LastOperation = LastOperationNames.Of(op);
        connection.LastCxid = xid;
        connection.LastLatencyMs = elapsed;
        connection.LastResponseTime = NowMs();
    }

    // ---------------------------------------------------------------- four-letter words

    private void OnFourLetterWord(FourLetterWordRequest message)
    {
        var word = message.Word;
        var effects = FourLetterWordResponder.EffectsOf(word, isServing: true);
        if (effects.HasFlag(FourLetterWordEffects.ResetServerStats))
        {
            latency.Reset();
        }

        if (effects.HasFlag(FourLetterWordEffects.ResetConnectionStats))
        {
            foreach (var c in connections.All)
            {
                c.Latency.Reset();
            }
        }

        var text = FourLetterWordResponder.Respond(word, Snapshot(), config, DateTime.UtcNow);
        message.Connection.SendRawAndClose(Encoding.UTF8.GetBytes(text));
    }

    private ServerSnapshot Snapshot()
    {
        var open = connections.All;
        long received = 0, sent = 0;
        var infos = new List<ConnectionInfo>(open.Count);
        foreach (var c in open)
        {
            received += c.PacketsReceived;
            sent += c.PacketsSent;
            infos.Add(new ConnectionInfo(
                c.RemoteEndPoint.Address.ToString(),
                c.RemoteEndPoint.Port,
                c.PacketsReceived,
                c.PacketsSent,
                0,
                c.SessionId,
                c.SessionTimeout,
                c.LastZxid,
                c.EstablishedUtc,
                c.LastOperation,
                c.LastCxid,
                c.Latency.Min,
                c.Latency.Average,
                c.Latency.Max)
            {
                // ZooKeeper prints the selector's interest set: reading (1) once a session is up, 0 before.
                InterestOps = c.SessionId != 0 ? 1 : 0,
                LastResponseTime = c.LastResponseTime,
                LastLatencyMs = c.LastLatencyMs,
            });
        }

        var nowMono = NowMs();
        var nowUtc = DateTime.UtcNow;
        var buckets = new List<SessionExpiryBucket>();
        foreach (var (expiresAt, ids) in sessions.GetExpiryMap().OrderBy(b => b.Key))
        {
            buckets.Add(new SessionExpiryBucket(nowUtc.AddMilliseconds(expiresAt - nowMono), [.. ids]));
        }

        var summary = tree.DataWatches.GetSummary();
        return new ServerSnapshot
        {
            Mode = "standalone",
            LastZxid = tree.LastProcessedZxid,
            NodeCount = tree.NodeCount,
            ApproximateDataSize = tree.ApproximateDataSize,
            MinLatencyMs = latency.Min,
            AvgLatencyMs = latency.Average,
            MaxLatencyMs = latency.Max,
            PacketsReceived = received,
            PacketsSent = sent,
            EphemeralsCount = tree.EphemeralsCount,
            WatchCount = tree.WatchCount,
            WatchedPathCount = summary.NumPaths,
            Connections = infos,
            Sessions = [.. tree.Sessions],
            EphemeralsBySession = [.. tree.SessionsWithEphemerals.Select(s =>
                new KeyValuePair<long, IReadOnlyList<string>>(s, [.. tree.GetEphemerals(s).Order(StringComparer.Ordinal)]))],
            WatchesBySession = [.. tree.DataWatches.GetWatchesBySession()],
            WatchesByPath = [.. tree.DataWatches.GetWatchesByPath()],
            SessionExpiryBuckets = buckets,
            StartedUtc = startedUtc,
            SnapshotDirectory = Path.GetFullPath(config.DataDir),
            TxnLogDirectory = Path.GetFullPath(config.DataLogDir ?? config.DataDir),
        };
    }
}
