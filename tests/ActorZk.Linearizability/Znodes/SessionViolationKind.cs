namespace ActorZk.Linearizability.Znodes;

/// <summary>Which session guarantee a <see cref="SessionViolation"/> breaks.</summary>
public enum SessionViolationKind
{
    /// <summary>A reply's header zxid is lower than one the session received before.</summary>
    ZxidDecreased,

    /// <summary>A read shows a znode state older than one the session read before (monotonic reads).</summary>
    StaleRead,

    /// <summary>A read does not reflect the session's own earlier acknowledged write (read-your-writes).</summary>
    MissedOwnWrite,
}
