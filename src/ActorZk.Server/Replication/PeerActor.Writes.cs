using ActorZk.Core.Processing;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol.Records;
using ActorZk.Server.Network;
using ActorZk.Server.Storage;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Replication;

/// <content>
/// Writes: a prepared txn gets the next zxid and joins the batch for the log; once the log says it is
/// durable it is applied to the tree, in zxid order, and its reply becomes ready. Batches form by
/// themselves: txns proposed while the actor works through its mailbox go to the log together when a
/// self-sent FlushLog comes up, and batches that meet a commit in flight are committed together.
/// </content>
public sealed partial class PeerActor
{
    private readonly Queue<ProposedTxn> proposed = new();
    private readonly List<LoggedTxn> unflushed = [];
    private bool flushScheduled;
    private long lastProposedZxid;
    private long txnsSinceSnapshot;
    private TreeSnapshotWriter? snapshotInProgress;

    // About a millisecond of work per slice, so a snapshot never holds up client traffic noticeably.
    private const int SnapshotSliceNodes = 2_000;

    private long NextZxid()
    {
        // Standalone keeps epoch 0, as ZooKeeper's standalone server does (zxids 0x1, 0x2, ...).
        return ++lastProposedZxid;
    }

    private void Propose(
        PreparedTxn txn,
        TxnOrigin origin,
        ClientConnection? connection = null,
        InFlightRequest? request = null,
        ConnectRequest? connect = null)
    {
        proposed.Enqueue(new ProposedTxn(txn, origin, connection, request, connect));
        if (logProps is null)
        {
            OnTxnsLogged(new TxnsLogged(txn.Header.Zxid));
            return;
        }

        unflushed.Add(new LoggedTxn(txn.Header.Zxid, TxnCodec.Encode(txn.Header, txn.Txn)));
        if (!flushScheduled)
        {
            flushScheduled = true;
            Self.Tell(FlushLog.Instance, Self);
        }
    }

    private void OnFlushLog()
    {
        flushScheduled = false;
        if (unflushed.Count == 0)
        {
            return;
        }

        log.Tell(new AppendTxns([.. unflushed]), Self);
        unflushed.Clear();
    }

    private void OnTxnsLogged(TxnsLogged message)
    {
        while (proposed.TryPeek(out var next) && next.Txn.Header.Zxid <= message.LastZxid)
        {
            proposed.Dequeue();
            Apply(next);
        }

        MaybeSnapshot();
    }

    private void Apply(ProposedTxn proposal)
    {
        var result = tree.ProcessTxn(proposal.Txn.Header, proposal.Txn.Txn);
        preparer.Applied(proposal.Txn.Header.Zxid);
        txnsSinceSnapshot++;
        switch (proposal.Origin)
        {
            case TxnOrigin.ClientWrite:
                var request = proposal.Request!;
                var reply = ReplyBuilder.Build(result);
                if (request.Request.Header.Type == Protocol.OpCode.CloseSession)
                {
                    sessions.RemoveSession(result.ClientId);
                    sessionConnections.Remove(result.ClientId);
                }

                request.Complete(proposal.Txn.Header.Zxid, reply);
                DrainPipeline(proposal.Connection!);
                break;
            case TxnOrigin.CreateSession:
                var connection = proposal.Connection!;
                connection.AwaitingSession = false;
                if (!connection.IsClosed)
                {
                    SendConnectResponse(connection, proposal.Connect!);
                    DrainPipeline(connection);
                }

                break;
            case TxnOrigin.Expiry:
                FinishExpiry(result.ClientId);
                break;
            case TxnOrigin.Cleanup:
                break;
        }
    }

    private void MaybeSnapshot()
    {
        if (logProps is null || snapshotInProgress is not null || txnsSinceSnapshot < config.SnapCount)
        {
            return;
        }

        // A fuzzy snapshot, written a slice at a time between client messages so that traffic never waits for
        // the whole tree; recovery replays the txns after its label, which the tree tolerates (see DataTree).
        txnsSinceSnapshot = 0;
        snapshotInProgress = tree.BeginSnapshot();
        Self.Tell(ContinueSnapshot.Instance, Self);
    }

    private void OnContinueSnapshot()
    {
        if (snapshotInProgress is null)
        {
            return;
        }

        if (!snapshotInProgress.WriteNext(SnapshotSliceNodes))
        {
            Self.Tell(ContinueSnapshot.Instance, Self);
            return;
        }

        var zxid = snapshotInProgress.Zxid;
        var nodes = snapshotInProgress.NodeCount;
        var bytes = snapshotInProgress.ToArray();
        snapshotInProgress.Dispose();
        snapshotInProgress = null;
        log.Tell(new SaveTreeSnapshot(new TreeSnapshot(zxid, bytes)), Self);
        logger.LogInformation("Snapshot of {Nodes} znodes labelled zxid 0x{Zxid:x} handed to the log", nodes, zxid);
    }
}
