using ActorZk.Bench.Engine;
using ActorZk.Bench.Runner;
using ActorZk.Protocol;

namespace ActorZk.Bench.Workloads;

/// <summary>Creates persistent nodes <c>RUN/c/s{session}-{n}</c> with <c>--payload</c> bytes; each create makes a new node.</summary>
internal sealed class CreateWorkload : ClosedLoopWorkload
{
    private readonly string directory;
    private readonly byte[][] prefixes;
    private readonly long[] next;

    public CreateWorkload(RunContext context)
        : base(context)
    {
        directory = $"{context.RunPath}/c";
        prefixes = SessionPrefixes(directory);
        next = new long[context.Sessions.Count];
    }

    /// <inheritdoc />
    public override async Task SetupAsync(long warmupOps, long ops) => await Context.CreateNodeAsync(directory);

    /// <inheritdoc />
    public override bool Issue(BenchSession session, int slot)
    {
        var index = session.Index;
        Span<byte> path = stackalloc byte[ZnodePath.MaxLength];
        var length = ZnodePath.Compose(path, prefixes[index], next[index]);
        if (!session.Create(path[..length], Context.Payload, CreateMode.Persistent, slot))
        {
            return false;
        }

        next[index]++;
        return true;
    }

    /// <inheritdoc />
    public override async Task CleanupAsync()
    {
        // Every name ever sent, whether or not its create succeeded; the ones that do not exist are expected NoNodes.
        var created = new SessionSequence(prefixes, new long[next.Length], next);
        await Context.BulkAsync("delete created nodes", OpCode.Delete, created.Total, created, SessionSequence.Compose, CreateMode.Persistent, cleanup: true);
        await Context.RemoveTreeAsync(directory, 1);
    }
}
