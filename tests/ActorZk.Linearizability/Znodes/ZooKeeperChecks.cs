namespace ActorZk.Linearizability.Znodes;

/// <summary>The two checks a ZooKeeper history gets.</summary>
public static class ZooKeeperChecks
{
    /// <summary>
    /// Checks the linearizable part of a history against <see cref="ZnodeModel"/>, path by path: creates, setData,
    /// deletes and sync+getData reads. Plain reads are left out (ZooKeeper does not promise they are linearizable),
    /// and so are indeterminate reads (they change nothing and returned nothing).
    /// </summary>
    /// <param name="history">The history.</param>
    /// <param name="options">Budgets.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The verdict.</returns>
    public static LinearizabilityResult CheckLinearizability(History<ZkInput, ZkOutput> history, CheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var ops = history.Operations.Where(o => o.Input.Kind != ZkOpKind.PlainRead && !(o.Input.Kind == ZkOpKind.Read && o.IsIndeterminate));
        return LinearizabilityChecker.Check(ZnodeModel.Instance, ops, options, cancellationToken);
    }

    /// <summary>Checks the per-session guarantees (see <see cref="SessionChecker"/>).</summary>
    /// <param name="history">The history.</param>
    /// <returns>The violations.</returns>
    public static SessionCheckResult CheckSessions(History<ZkInput, ZkOutput> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return SessionChecker.Check(history.Operations);
    }
}
