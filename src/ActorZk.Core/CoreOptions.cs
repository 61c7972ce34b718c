namespace ActorZk.Core;

/// <summary>
/// Server settings that change how the state machine behaves. Every member of an ensemble must use the
/// same values, since they decide how txns are prepared and applied.
/// </summary>
public sealed record CoreOptions
{
    /// <summary>The defaults of a stock ZooKeeper server.</summary>
    public static CoreOptions Default { get; } = new();

    /// <summary>
    /// ZooKeeper's <c>zookeeper.extendedTypesEnabled</c>: allows TTL nodes (otherwise createTTL and TTL modes
    /// fail with Unimplemented) and makes owner values with the top byte 0xff mean "TTL node". Server ids must
    /// then be at most 254.
    /// </summary>
    public bool ExtendedTypesEnabled { get; init; }

    /// <summary>ZooKeeper's <c>zookeeper.skipACL</c>: every permission check passes.</summary>
    public bool SkipAcl { get; init; }

    /// <summary>
    /// Largest znode data accepted by create and setData, or -1 for no check. Stock ZooKeeper has no such
    /// check: it drops the connection when a whole request frame exceeds <c>jute.maxbuffer</c> (1 MiB - 1), which the
    /// network layer enforces. A positive value makes the preparer answer BadArguments instead.
    /// </summary>
    public int MaxDataLength { get; init; } = -1;

    /// <summary>
    /// ZooKeeper's <c>zookeeper.digest.enabled</c> (default true). The tree digest itself is not computed; the
    /// setting only keeps one side effect ZooKeeper has with it: a prepared closeSession also records the
    /// parents of the deleted ephemerals as changed (new pzxid) for requests prepared after it.
    /// </summary>
    public bool DigestEnabled { get; init; } = true;
}
