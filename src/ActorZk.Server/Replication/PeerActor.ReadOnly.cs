using ActorZk.Core.Processing;
using ActorZk.Core.Sessions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>
/// Read-only mode (readonlymode.enabled=true): a member that has been LOOKING for max(2 s, tickTime) serves clients
/// that asked for read-only sessions (the ConnectRequest readOnly flag) from its own tree, answers every write with
/// NOTREADONLY, and refuses other clients, as ZooKeeper 3.8's ReadOnlyZooKeeperServer does. Its sessions are local
/// to the member; every read-only connection is closed when the member joins a quorum again.
/// </content>
public sealed partial class PeerActor
{
    private const string ReadOnlyTimer = "read-only";
    private bool readOnlyServing;
    private long nextReadOnlySessionId;

    private void ScheduleReadOnly()
    {
        if (config.ReadOnlyModeEnabled && !readOnlyServing)
        {
            Timers.StartSingleTimer(ReadOnlyTimer, StartReadOnly.Instance, TimeSpan.FromMilliseconds(Math.Max(2000, config.TickTime)));
        }
    }

    private void OnStartReadOnly()
    {
        if (role != PeerRole.Looking || readOnlyServing)
        {
            return;
        }

        readOnlyServing = true;
        if (nextReadOnlySessionId == 0)
        {
            nextReadOnlySessionId = SessionTracker.InitializeNextSessionId(ensemble!.MyId, WallClockMs());
        }

        logger.LogInformation("No quorum: serving read-only clients at zxid 0x{Zxid:x}", tree.LastProcessedZxid);
    }

    /// <summary>Leaves read-only mode (the member joins a quorum): its clients must find a read-write server.</summary>
    private void StopReadOnly()
    {
        Timers.Cancel(ReadOnlyTimer);
        if (readOnlyServing)
        {
            readOnlyServing = false;
            DropClients();
        }
    }

    private void OnReadOnlyConnect(ConnectSession message)
    {
        var connection = message.Connection;
        var request = message.Request;
        if (!readOnlyServing || !request.ReadOnly || request.LastZxidSeen > tree.LastProcessedZxid)
        {
            // ZooKeeper: "Not accepting client connections, it is a read-only server" for read-write clients.
            connection.Close();
            return;
        }

        var timeout = SessionTracker.NegotiateTimeout(request.TimeOut, config.TickTime, config.MinSessionTimeout, config.MaxSessionTimeout);
        var sessionId = request.SessionId;
        if (sessionId == 0)
        {
            sessionId = nextReadOnlySessionId++;
        }
        else if (!SessionPasswords.Check(sessionId, request.Passwd))
        {
            connection.SendConnectResponse(
                new ConnectResponse(0, 0, 0, new byte[16], false) { WriteReadOnlyFlag = request.HasReadOnlyFlag },
                closeAfter: true);
            return;
        }

        connection.SessionId = sessionId;
        connection.SessionTimeout = timeout;
        connection.ReadOnlyRequested = true;
        connection.SendConnectResponse(
            new ConnectResponse(0, timeout, sessionId, SessionPasswords.Generate(sessionId), true) { WriteReadOnlyFlag = request.HasReadOnlyFlag },
            closeAfter: false);
    }

    private void OnReadOnlyRequest(ClientRequest message)
    {
        var connection = message.Connection;
        if (!readOnlyServing || connection.IsClosed || connection.SessionId == 0)
        {
            connection.Close();
            return;
        }

        var header = message.Header;
        var op = header.Type;
        if (op == OpCode.CloseSession && !tree.Sessions.Any(s => s.Key == connection.SessionId))
        {
            // A session of this read-only member ends with its connection.
            Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.Ok, null, message.ReceivedAt);
            connection.CloseAfterFlush();
            return;
        }

        if (op is OpCode.Sync or OpCode.CloseSession or OpCode.CreateSession || RequestPreparer.IsWrite(op))
        {
            Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.NotReadOnly, null, message.ReceivedAt);
            return;
        }

        AnswerNow(message);
    }
}
