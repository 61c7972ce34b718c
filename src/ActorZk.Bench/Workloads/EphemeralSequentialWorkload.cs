using System.Buffers.Binary;
using ActorZk.Bench.Engine;
using ActorZk.Bench.Runner;
using ActorZk.Protocol;

namespace ActorZk.Bench.Workloads;

/// <summary>
/// Each slot alternates a create of an EPHEMERAL_SEQUENTIAL node under <c>RUN/e/s{session}-</c> and the delete of the
/// node the server named (the lock-recipe pattern); each of the two requests is an op.
/// </summary>
internal sealed class EphemeralSequentialWorkload : ClosedLoopWorkload
{
    private readonly string directory;
    private readonly byte[][] prefixes;

    // Per session and slot: the path of the node to delete next (length 0: create next).
    private readonly byte[][][] created;
    private readonly int[][] createdLength;

    public EphemeralSequentialWorkload(RunContext context)
        : base(context)
    {
        directory = $"{context.RunPath}/e";
        prefixes = SessionPrefixes(directory);
        var sessions = context.Sessions.Count;
        var slots = context.Options.Outstanding;
        created = new byte[sessions][][];
        createdLength = new int[sessions][];
        for (var i = 0; i < sessions; i++)
        {
            created[i] = new byte[slots][];
            createdLength[i] = new int[slots];
            for (var k = 0; k < slots; k++)
            {
                created[i][k] = new byte[ZnodePath.MaxLength];
            }
        }
    }

    /// <inheritdoc />
    public override async Task SetupAsync(long warmupOps, long ops) => await Context.CreateNodeAsync(directory);

    /// <inheritdoc />
    public override bool Issue(BenchSession session, int slot)
    {
        var index = session.Index;
        var length = createdLength[index][slot];
        if (length == 0)
        {
            return session.Create(prefixes[index], Context.Payload, CreateMode.EphemeralSequential, slot);
        }

        createdLength[index][slot] = 0;
        return session.Delete(created[index][slot].AsSpan(0, length), -1, slot);
    }

    /// <inheritdoc />
    public override ErrorCode OnReply(BenchSession session, int slot, OpCode op, ErrorCode err, ReadOnlySpan<byte> body)
    {
        if (op != OpCode.Create || err != ErrorCode.Ok)
        {
            return err;
        }

        // The reply is the created path as a jute string: remember it for the slot's delete.
        var length = body.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(body) : -1;
        if (length <= 0 || length > ZnodePath.MaxLength || length > body.Length - 4)
        {
            return ErrorCode.MarshallingError;
        }

        body.Slice(4, length).CopyTo(created[session.Index][slot]);
        createdLength[session.Index][slot] = length;
        return err;
    }

    /// <inheritdoc />
    public override async Task CleanupAsync()
    {
        // Nodes created after the last delete are ephemeral and go with their sessions; removing them now lets the
        // directory go too.
        await Context.RemoveTreeAsync(directory, 1);
    }
}
