using System.Buffers.Binary;
using ActorZk.Bench.Engine;
using ActorZk.Bench.Runner;
using ActorZk.Protocol;

namespace ActorZk.Bench.Workloads;

/// <summary>Lists the children of <c>RUN/g</c>, which setup gives <c>--children</c> empty children <c>c{n}</c>.</summary>
internal sealed class GetChildrenWorkload : ClosedLoopWorkload
{
    private readonly string directory;
    private readonly byte[] directoryBytes;
    private readonly byte[] childPrefix;

    public GetChildrenWorkload(RunContext context)
        : base(context)
    {
        directory = $"{context.RunPath}/g";
        directoryBytes = ZnodePath.Utf8(directory);
        childPrefix = ZnodePath.Utf8($"{directory}/c");
    }

    /// <inheritdoc />
    public override async Task SetupAsync(long warmupOps, long ops)
    {
        await Context.CreateNodeAsync(directory);
        await Context.BulkAsync($"create {Options.Children} children", OpCode.Create, Options.Children, childPrefix, ComposeChild, CreateMode.Persistent, cleanup: false);
    }

    /// <inheritdoc />
    public override bool Issue(BenchSession session, int slot) => session.GetChildren(directoryBytes, false, slot);

    /// <inheritdoc />
    public override ErrorCode OnReply(BenchSession session, int slot, OpCode op, ErrorCode err, ReadOnlySpan<byte> body)
    {
        // The reply starts with the child count: checking it is free and catches a server that answers wrongly.
        if (err == ErrorCode.Ok && (body.Length < 4 || BinaryPrimitives.ReadInt32BigEndian(body) != Options.Children))
        {
            return ErrorCode.MarshallingError;
        }

        return err;
    }

    /// <inheritdoc />
    public override async Task CleanupAsync()
    {
        await Context.BulkAsync($"delete {Options.Children} children", OpCode.Delete, Options.Children, childPrefix, ComposeChild, CreateMode.Persistent, cleanup: true);
        await Context.RemoveTreeAsync(directory, 1);
    }

    private static int ComposeChild(byte[] prefix, long item, Span<byte> destination) => ZnodePath.Compose(destination, prefix, item);
}
