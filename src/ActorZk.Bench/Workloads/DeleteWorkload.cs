using ActorZk.Bench.Engine;
using ActorZk.Bench.Phases;
using ActorZk.Bench.Runner;
using ActorZk.Protocol;

namespace ActorZk.Bench.Workloads;

/// <summary>
/// Deletes nodes <c>RUN/x/s{session}-{n}</c> that setup created (in multis, not measured): as many per session as the
/// warm-up and the measurement will delete, so every delete hits an existing node.
/// </summary>
internal sealed class DeleteWorkload : ClosedLoopWorkload
{
    private readonly string directory;
    private readonly byte[][] prefixes;
    private readonly long[] next;
    private readonly long[] created;

    public DeleteWorkload(RunContext context)
        : base(context)
    {
        directory = $"{context.RunPath}/x";
        prefixes = SessionPrefixes(directory);
        next = new long[context.Sessions.Count];
        created = new long[context.Sessions.Count];
    }

    /// <inheritdoc />
    public override async Task SetupAsync(long warmupOps, long ops)
    {
        await Context.CreateNodeAsync(directory);

        // The same split the phases use, so each session finds exactly its own share.
        var sessions = Context.Sessions.Count;
        var warmup = ClosedLoopPhase.SplitBudget(warmupOps, sessions);
        var measured = ClosedLoopPhase.SplitBudget(ops, sessions);
        for (var i = 0; i < sessions; i++)
        {
            created[i] = warmup[i] + measured[i];
        }

        var sequence = new SessionSequence(prefixes, new long[sessions], created);
        Context.Log.WriteLine($"setup: creating {sequence.Total} nodes to delete");
        await Context.BulkAsync($"create {sequence.Total} nodes to delete", OpCode.Create, sequence.Total, sequence, SessionSequence.Compose, CreateMode.Persistent, cleanup: false);
    }

    /// <inheritdoc />
    public override bool Issue(BenchSession session, int slot)
    {
        var index = session.Index;
        if (next[index] >= created[index])
        {
            return false;
        }

        Span<byte> path = stackalloc byte[ZnodePath.MaxLength];
        var length = ZnodePath.Compose(path, prefixes[index], next[index]);
        if (!session.Delete(path[..length], -1, slot))
        {
            return false;
        }

        next[index]++;
        return true;
    }

    /// <inheritdoc />
    public override async Task CleanupAsync()
    {
        // What the time cap left undeleted.
        var left = new SessionSequence(prefixes, next, created);
        await Context.BulkAsync("delete the nodes left", OpCode.Delete, left.Total, left, SessionSequence.Compose, CreateMode.Persistent, cleanup: true);
        await Context.RemoveTreeAsync(directory, 1);
    }
}
