using System.Diagnostics;
using ActorZk.Core.Acl;
using ActorZk.Core.Processing;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using ActorZk.Server.Admin;
using ActorZk.Server.Network;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>
/// Client requests: routing, per-connection order (a request waits behind the connection's unfinished
/// writes, ZooKeeper's CommitProcessor rule), reads, auth, and replies.
/// </content>
public sealed partial class PeerActor
{
    private void OnRequest(ClientRequest message)
    {
        var connection = message.Connection;
        var header = message.Header;
        if (connection.IsClosed || connection.SessionId == 0)
        {
            // A request that raced with the close of its connection, or arrived before a refused handshake.
            return;
        }

        if (sessions.TouchSession(connection.SessionId, connection.SessionTimeout, NowMs()))
        {
            learner?.Touches.TryAdd(connection.SessionId, connection.SessionTimeout);
        }
        else
        {
            connection.SendReply(new ReplyHeader(header.Xid, tree.LastProcessedZxid, ErrorCode.SessionExpired), null);
            connection.CloseAfterFlush();
            return;
        }

        var op = header.Type;
        var request = message.Request;
        if (op == OpCode.Auth && request is AuthPacket auth)
        {
            // ZooKeeper answers auth on arrival, outside the request pipeline.
            OnAuth(connection, header, auth);
            return;
        }

        // A write whose body does not decode is still a txn: ZooKeeper gives the request its txn header (a new
        // zxid) before decoding the body, then logs an error txn with MarshallingError.
        var isWrite = RequestPreparer.IsWrite(op) && ReadProcessor.IsValidClientType(op);
        if (isWrite && ensemble is null && request is MultiRequest multi && RequestPreparer.HasNullPath(multi))
        {
            // ZooKeeper uses up a zxid for it without a txn, and answers in turn like a read (see HasNullPath).
            lastProposedZxid++;
            isWrite = false;
        }

        if (isWrite)
        {
            var item = new InFlightRequest(message, isWrite: true);
            connection.Pipeline.Enqueue(item);
            if (learner is not null)
            {
                // A malformed body is forwarded empty, which no write type decodes: the leader sees it malformed too.
                Forward(new ForwardedRequest(ensemble!.MyId, connection.SessionId, header.Xid, op, EncodeRecord(request), [.. connection.AuthInfo]));
                return;
            }

            PrepareAndPropose(connection.SessionId, header.Xid, op, request, connection.AuthInfo, TxnOrigin.ClientWrite, connection, item);
            return;
        }

        if (op == OpCode.Sync && request is SyncRequest && ensemble is not null)
        {
            // In an ensemble a sync waits until this member has applied everything the leader had proposed when the
            // sync reached it; the session's later requests wait behind it.
            var item = new InFlightRequest(message, isWrite: true);
            connection.Pipeline.Enqueue(item);
            pendingSyncs.Add((connection, item));
            if (learner is { } state)
            {
                // Behind the writes forwarded before it, as the client sent them.
                FlushForwards();
                state.Leader.Tell(new ForwardedSync(ensemble.MyId, connection.SessionId, header.Xid), Self);
            }
            else
            {
                item.SyncZxid = lastProposedZxid;
                CompleteReadySyncs();
            }

            return;
        }

        if (connection.Pipeline.Count > 0 || connection.AwaitingSession)
        {
            connection.Pipeline.Enqueue(new InFlightRequest(message, isWrite: false));
            return;
        }

        AnswerNow(message);
    }

    /// <summary>Answers a request that is not a write, now that nothing of its connection is ahead of it.</summary>
    private void AnswerNow(ClientRequest message)
    {
        var connection = message.Connection;
        var header = message.Header;
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
            case OpCode.Sync when request is SyncRequest sync:
                // Standalone: every write of this connection before the sync is applied by now.
                Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.Ok, SyncResponse.Echo(sync), message.ReceivedAt);
                return;
            case OpCode.Sasl:
                Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.Unimplemented, null, message.ReceivedAt);
                return;
            case OpCode.Multi:
                // Only a standalone server's multi with a null path comes here (see RequestPreparer.HasNullPath).
                Reply(connection, op, header.Xid, tree.LastProcessedZxid, ErrorCode.MarshallingError, new MultiResponse([]), message.ReceivedAt);
                return;
        }

        if (request is null || !ReadProcessor.IsValidClientType(op))
        {
            // ZooKeeper answers a request type it does not accept from clients with Unimplemented and drops the client.
            Reply(connection, op, header.Xid, -1, ErrorCode.Unimplemented, null, message.ReceivedAt);
            connection.CloseAfterFlush();
            return;
        }

        var read = reads.Process(connection.SessionId, op, request, connection.AuthInfo, connection);
        // Every reply carries the request's xid, setWatches too: the 3.8 Java client sends it with an ordinary xid
        // (ClientCnxnSocketNIO renumbers it) and drops the connection on any other; kazoo and ActorZk.Client use -8.
        Reply(connection, op, header.Xid, tree.LastProcessedZxid, read.Err, read.Response, message.ReceivedAt);
        if (read.CloseConnection)
        {
            connection.CloseAfterFlush();
        }
    }

    /// <summary>
    /// Sends every reply of the connection that is ready, in request order: applied writes, and the reads
    /// that waited behind them, up to the first write still in the log.
    /// </summary>
    private void DrainPipeline(ClientConnection connection)
    {
        var pipeline = connection.Pipeline;
        while (!connection.AwaitingSession && pipeline.TryPeek(out var head))
        {
            if (head.IsWrite && !head.Applied)
            {
                return;
            }

            if (head.Request.Header.Type == OpCode.Sync && head.IsWrite)
            {
                pipeline.Dequeue();
                Reply(connection, OpCode.Sync, head.Request.Header.Xid, head.Zxid, head.Result.Err, head.Result.Response, head.Request.ReceivedAt);
                continue;
            }

            pipeline.Dequeue();
            if (!head.IsWrite)
            {
                AnswerNow(head.Request);
                continue;
            }

            var request = head.Request;
            if (head.Result.Silent)
            {
                // ZooKeeper 3.8.0 sends nothing for a successful top-level check (it fails to encode the reply).
                continue;
            }

            Reply(connection, request.Header.Type, request.Header.Xid, head.Zxid, head.Result.Err, head.Result.Response, request.ReceivedAt);
            if (request.Header.Type == OpCode.CloseSession || head.Result.CloseConnection)
            {
                connection.SessionId = 0;
                connection.CloseAfterFlush();
                pipeline.Clear();
                return;
            }
        }
    }

    private void OnAuth(ClientConnection connection, RequestHeader header, AuthPacket auth)
    {
        if (auth.Scheme == DigestAuth.Scheme)
        {
            foreach (var id in DigestAuth.Authenticate(auth.Auth, superDigest: null))
            {
                // In ZooKeeper's order: whoAmI and the auth scheme of an ACL list them so.
                AuthInfoOrder.Add(connection.AuthInfo, id);
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

    private static byte[] EncodeRecord(IJuteRecord? record)
    {
        if (record is null)
        {
            return [];
        }

        using var buffer = new PooledBufferWriter(256);
        var writer = new JuteWriter(buffer);
        record.Serialize(ref writer);
        return buffer.WrittenSpan.ToArray();
    }
}
