using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Bench.Engine;

/// <summary>
/// Encodes the few requests the load generator sends straight into a <see cref="PooledBufferWriter"/>, from UTF-8
/// paths in spans, so that a request costs no allocation (the records of ActorZk.Protocol hold strings).
/// A jute <c>ustring</c> and a <c>buffer</c> share one encoding (length, then bytes), so paths are written as buffers.
/// </summary>
internal static class RequestEncoder
{
    /// <summary>The jute encoding of the OPEN_ACL_UNSAFE vector, computed once from the protocol's own records.</summary>
    private static readonly byte[] OpenAcl = EncodeOpenAcl();

    /// <summary>Appends a create (opcode 1) frame.</summary>
    public static void WriteCreate(PooledBufferWriter output, int xid, ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, CreateMode mode)
    {
        var start = Begin(output, xid, OpCode.Create, out var writer);
        writer.WriteBuffer(path);
        writer.WriteBuffer(data);
        AppendRaw(output, OpenAcl);
        writer.WriteInt((int)mode);
        End(output, start);
    }

    /// <summary>Appends a delete frame.</summary>
    public static void WriteDelete(PooledBufferWriter output, int xid, ReadOnlySpan<byte> path, int version)
    {
        var start = Begin(output, xid, OpCode.Delete, out var writer);
        writer.WriteBuffer(path);
        writer.WriteInt(version);
        End(output, start);
    }

    /// <summary>Appends a getData frame.</summary>
    public static void WriteGetData(PooledBufferWriter output, int xid, ReadOnlySpan<byte> path, bool watch)
    {
        var start = Begin(output, xid, OpCode.GetData, out var writer);
        writer.WriteBuffer(path);
        writer.WriteBool(watch);
        End(output, start);
    }

    /// <summary>Appends a setData frame.</summary>
    public static void WriteSetData(PooledBufferWriter output, int xid, ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, int version)
    {
        var start = Begin(output, xid, OpCode.SetData, out var writer);
        writer.WriteBuffer(path);
        writer.WriteBuffer(data);
        writer.WriteInt(version);
        End(output, start);
    }

    /// <summary>Appends a getChildren (opcode 8) frame.</summary>
    public static void WriteGetChildren(PooledBufferWriter output, int xid, ReadOnlySpan<byte> path, bool watch)
    {
        var start = Begin(output, xid, OpCode.GetChildren, out var writer);
        writer.WriteBuffer(path);
        writer.WriteBool(watch);
        End(output, start);
    }

    /// <summary>Appends a sync of <paramref name="path"/> (the server catches up with the leader before it answers).</summary>
    public static void WriteSync(PooledBufferWriter output, int xid, ReadOnlySpan<byte> path)
    {
        var start = Begin(output, xid, OpCode.Sync, out var writer);
        writer.WriteBuffer(path);
        End(output, start);
    }

    /// <summary>
    /// Appends a multi of <paramref name="count"/> creates (or deletes, version -1) of the items from
    /// <paramref name="firstItem"/> on, named by <paramref name="compose"/>; used to set up and clean up many nodes
    /// in few requests (and few txn-log syncs on the server).
    /// </summary>
    public static void WriteMulti<TState>(
        PooledBufferWriter output,
        int xid,
        OpCode op,
        long firstItem,
        int count,
        TState state,
        PathComposer<TState> compose,
        ReadOnlySpan<byte> data,
        CreateMode mode)
    {
        if (op is not (OpCode.Create or OpCode.Delete))
        {
            throw new ArgumentOutOfRangeException(nameof(op), op, "only create and delete are batched");
        }

        var start = Begin(output, xid, OpCode.Multi, out var writer);
        Span<byte> path = stackalloc byte[ZnodePath.MaxLength];
        for (var i = 0; i < count; i++)
        {
            var length = compose(state, firstItem + i, path);
            writer.WriteRecord(new MultiHeader(op, false, (ErrorCode)(-1)));
            writer.WriteBuffer(path[..length]);
            if (op == OpCode.Create)
            {
                writer.WriteBuffer(data);
                AppendRaw(output, OpenAcl);
                writer.WriteInt((int)mode);
            }
            else
            {
                writer.WriteInt(-1);
            }
        }

        writer.WriteRecord(MultiHeader.Terminator);
        End(output, start);
    }

    /// <summary>Appends a request that has no body (ping, closeSession).</summary>
    public static void WriteEmpty(PooledBufferWriter output, int xid, OpCode op)
    {
        var start = Begin(output, xid, op, out _);
        End(output, start);
    }

    private static int Begin(PooledBufferWriter output, int xid, OpCode op, out JuteWriter writer)
    {
        var start = output.WrittenCount;
        writer = new JuteWriter(output);
        writer.WriteInt(0);
        writer.WriteRecord(new RequestHeader(xid, op));
        return start;
    }

    private static void End(PooledBufferWriter output, int start)
        => output.PatchInt(start, output.WrittenCount - start - 4);

    private static void AppendRaw(PooledBufferWriter output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static byte[] EncodeOpenAcl()
    {
        using var buffer = new PooledBufferWriter(64);
        var writer = new JuteWriter(buffer);
        writer.WriteVector(Acl.OpenAclUnsafe);
        return buffer.WrittenSpan.ToArray();
    }
}
