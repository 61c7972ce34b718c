using ActorZk.Core.Containers;
using ActorZk.Core.Sessions;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>Sessions: the handshake, reconnects, expiry, and the server's own container cleanup.</content>
public sealed partial class PeerActor
{
    // Learners: handshakes whose createSession went to the leader, until the txn comes back.
    private readonly Dictionary<long, ConnectRequest> pendingConnects = [];

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

        var timeout = SessionTracker.NegotiateTimeout(request.TimeOut, config.TickTime, config.MinSessionTimeout, config.MaxSessionTimeout);
        connection.ReadOnlyRequested = request.ReadOnly;
        connection.SessionTimeout = timeout;
        if (request.SessionId == 0)
        {
            // createSession is a txn; the response goes out once it is logged and applied. Requests the client
            // pipelines behind its handshake wait in the connection's queue until then.
            var sessionId = sessions.CreateSession(timeout, NowMs());
            connection.SessionId = sessionId;
            connection.AwaitingSession = true;
            sessionConnections[sessionId] = connection;
            if (learner is not null)
            {
                // The session's id is this member's; the leader makes it a txn like any write.
                pendingConnects[sessionId] = request;
                Forward(new ForwardedRequest(ensemble!.MyId, sessionId, 0, OpCode.CreateSession, EncodeRecord(new CreateSessionTxn(timeout)), []));
                return;
            }

            PrepareAndPropose(sessionId, 0, OpCode.CreateSession, new CreateSessionTxn(timeout), [], TxnOrigin.CreateSession, connection, connect: request);
            return;
        }

        var existing = request.SessionId;

        // ZooKeeper closes the session's current socket before it checks the password, so even a refused
        // attempt disconnects the current owner (the session itself survives).
        if (sessionConnections.Remove(existing, out var previous) && previous != connection)
        {
            previous.SessionId = 0;
            previous.Close();
        }

        if (!SessionPasswords.Check(existing, request.Passwd) || !sessions.TouchSession(existing, timeout, NowMs()))
        {
            logger.LogInformation("Invalid session 0x{Session:x} for client {Remote}, probably expired", existing, connection.RemoteEndPoint);
            connection.SendConnectResponse(
                new ConnectResponse(0, 0, 0, new byte[16], false) { WriteReadOnlyFlag = request.HasReadOnlyFlag },
                closeAfter: true);
            return;
        }

        connection.SessionId = existing;
        sessionConnections[existing] = connection;
        learner?.Touches.TryAdd(existing, timeout);
        SendConnectResponse(connection, request);
    }

    private static void SendConnectResponse(Network.ClientConnection connection, ConnectRequest request)
        => connection.SendConnectResponse(
            new ConnectResponse(0, connection.SessionTimeout, connection.SessionId, SessionPasswords.Generate(connection.SessionId), false)
            {
                WriteReadOnlyFlag = request.HasReadOnlyFlag,
            },
            closeAfter: false);

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
        switch (role)
        {
            case PeerRole.Looking:
                return;
            case PeerRole.Following:
            case PeerRole.Observing:
                // Learners neither expire sessions nor clean containers: the leader decides both for the ensemble.
                LearnerTick(now);
                return;
            case PeerRole.Leading when !LeaderTick(now):
                return;
        }

        foreach (var sessionId in sessions.PopExpired(now))
        {
            logger.LogInformation("Expiring session 0x{Session:x}, timeout of {Timeout}ms exceeded", sessionId, sessions.GetTimeout(sessionId));
            if (!PrepareAndPropose(sessionId, 0, OpCode.CloseSession, null, [], TxnOrigin.Expiry))
            {
                return;
            }
        }

        if (now - lastContainerCheck >= config.ContainerCheckIntervalMs)
        {
            lastContainerCheck = now;
            RemoveEmptyContainers();
        }
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
            if (!PrepareAndPropose(0, 0, OpCode.DeleteContainer, new DeleteContainerRequest(path), [], TxnOrigin.Cleanup))
            {
                return;
            }
        }
    }

    /// <summary>After an expiry's closeSession is applied: forget the session and drop its socket.</summary>
    private void FinishExpiry(long sessionId)
    {
        sessions.RemoveSession(sessionId);
        if (sessionConnections.Remove(sessionId, out var connection))
        {
            connection.SessionId = 0;
            connection.Close();
        }
    }
}
