using ActorZk.Core.Processing;

namespace ActorZk.Server.Replication;

/// <summary>
/// One request of a connection that cannot be answered yet: a write waiting for its txn to be logged and
/// applied, a sync waiting for this member to catch up with the leader, or a read waiting behind either.
/// A connection's replies leave in request order, as ZooKeeper's clients require (they match replies to
/// requests by order).
/// </summary>
internal sealed class InFlightRequest(ClientRequest request, bool isWrite)
{
    public ClientRequest Request { get; } = request;

    /// <summary>True for writes and syncs: requests behind it wait until it completes.</summary>
    public bool IsWrite { get; } = isWrite;

    /// <summary>Set when the write's txn has been applied; the reply can then go out once it is at the head.</summary>
    public bool Applied { get; private set; }

    /// <summary>A write forwarded to the leader whose txn has come back as a proposal (learners).</summary>
    public bool Matched { get; set; }

    /// <summary>For a sync: the zxid this member must have applied before it answers (long.MaxValue until known).</summary>
    public long SyncZxid { get; set; } = long.MaxValue;

    public long Zxid { get; private set; }

    public Reply Result { get; private set; }

    public void Complete(long zxid, Reply result)
    {
        Zxid = zxid;
        Result = result;
        Applied = true;
    }
}
