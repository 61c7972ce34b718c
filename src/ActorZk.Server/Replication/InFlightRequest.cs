using ActorZk.Core.Processing;

namespace ActorZk.Server.Replication;

/// <summary>
/// One request of a connection that cannot be answered yet: a write waiting for its txn to be logged and
/// applied, or a read waiting behind such a write. A connection's replies leave in request order, as
/// ZooKeeper's clients require (they match replies to requests by order).
/// </summary>
internal sealed class InFlightRequest(ClientRequest request, bool isWrite)
{
    public ClientRequest Request { get; } = request;

    public bool IsWrite { get; } = isWrite;

    /// <summary>Set when the write's txn has been applied; the reply can then go out once it is at the head.</summary>
    public bool Applied { get; private set; }

    public long Zxid { get; private set; }

    public Reply Result { get; private set; }

    public void Complete(long zxid, Reply result)
    {
        Zxid = zxid;
        Result = result;
        Applied = true;
    }
}
