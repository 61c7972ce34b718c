using ActorZk.Bench.Engine;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Bench.Phases;

/// <summary>
/// Creates or deletes a numbered set of znodes, in multis of <c>batch</c> operations, pulled from one shared cursor by
/// whichever session is free: setup and cleanup, never measured. A failed multi changes nothing on the server;
/// its culprit's error is what the phase counts.
/// </summary>
internal sealed class BulkSource<TState> : IRequestSource
{
    private readonly OpCode op;
    private readonly long total;
    private readonly int batch;
    private readonly TState state;
    private readonly PathComposer<TState> compose;
    private readonly byte[] data;
    private readonly CreateMode mode;
    private readonly ErrorCode expected;
    private long cursor;

    /// <param name="op">Create or Delete.</param>
    /// <param name="total">Items 0..total-1.</param>
    /// <param name="batch">Operations per request: 1 sends plain creates or deletes, more sends multis.</param>
    /// <param name="state">Passed to <paramref name="compose"/>.</param>
    /// <param name="compose">Names item n.</param>
    /// <param name="data">Data of created nodes.</param>
    /// <param name="mode">Mode of created nodes.</param>
    /// <param name="expected">An error that is part of the plan (NoNode for a cleanup), or Ok for none.</param>
    public BulkSource(OpCode op, long total, int batch, TState state, PathComposer<TState> compose, byte[] data, CreateMode mode, ErrorCode expected)
    {
        this.op = op;
        this.total = total;
        this.batch = Math.Max(1, batch);
        this.state = state;
        this.compose = compose;
        this.data = data;
        this.mode = mode;
        this.expected = expected;
    }

    /// <summary>Requests needed for all items.</summary>
    public long Requests => (total + batch - 1) / batch;

    /// <inheritdoc />
    public bool Issue(BenchSession session, int slot)
    {
        var first = Interlocked.Add(ref cursor, batch) - batch;
        if (first >= total)
        {
            return false;
        }

        var count = (int)Math.Min(batch, total - first);
        if (batch > 1)
        {
            return session.Multi(op, first, count, state, compose, data, mode, slot);
        }

        Span<byte> path = stackalloc byte[ZnodePath.MaxLength];
        var length = compose(state, first, path);
        return op == OpCode.Create
            ? session.Create(path[..length], data, mode, slot)
            : session.Delete(path[..length], -1, slot);
    }

    /// <inheritdoc />
    public ErrorCode OnReply(BenchSession session, int slot, OpCode requestOp, ErrorCode err, ReadOnlySpan<byte> body)
        => requestOp == OpCode.Multi && err == ErrorCode.Ok ? FirstMultiError(body) : err;

    /// <inheritdoc />
    public bool IsExpected(OpCode requestOp, ErrorCode err) => err == expected && expected != ErrorCode.Ok;

    /// <summary>
    /// The error that made a multi fail, read from its results: ZooKeeper answers a failed multi with an error
    /// result per op, Ok for those before the culprit and RuntimeInconsistency for those after it.
    /// </summary>
    internal static ErrorCode FirstMultiError(ReadOnlySpan<byte> body)
    {
        var reader = new JuteReader(body);
        var fallback = ErrorCode.Ok;
        while (reader.Remaining >= MultiHeader.Size)
        {
            var header = MultiHeader.Deserialize(ref reader);
            if (header.Done)
            {
                break;
            }

            switch (header.Type)
            {
                case OpCode.Error:
                    var err = (ErrorCode)reader.ReadInt();
                    if (err is not (ErrorCode.Ok or ErrorCode.RuntimeInconsistency))
                    {
                        return err;
                    }

                    if (err == ErrorCode.RuntimeInconsistency)
                    {
                        fallback = err;
                    }

                    break;
                case OpCode.Create:
                    _ = reader.ReadBuffer();
                    break;
                case OpCode.Create2:
                    _ = reader.ReadBuffer();
                    _ = Stat.Deserialize(ref reader);
                    break;
                case OpCode.Delete or OpCode.Check:
                    break;
                default:
                    // A result this tool never asks for: stop reading rather than guess its layout.
                    return fallback;
            }
        }

        return fallback;
    }
}
