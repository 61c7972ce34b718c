namespace ActorZk.Linearizability.Znodes;

/// <summary>A breach of ZooKeeper's per-session ordering guarantees found by <see cref="SessionChecker"/>.</summary>
/// <param name="Kind">The guarantee broken.</param>
/// <param name="Session">The session (the operations' client id).</param>
/// <param name="Earlier">The earlier operation that set the expectation.</param>
/// <param name="Later">The later operation that broke it.</param>
/// <param name="Message">A readable explanation.</param>
public sealed record SessionViolation(SessionViolationKind Kind, long Session, Operation<ZkInput, ZkOutput> Earlier, Operation<ZkInput, ZkOutput> Later, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
