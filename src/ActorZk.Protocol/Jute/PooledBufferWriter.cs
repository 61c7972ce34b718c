using System.Buffers;
using System.Buffers.Binary;

namespace ActorZk.Protocol.Jute;

/// <summary>
/// A growable byte buffer backed by <see cref="ArrayPool{T}"/>, reused across messages so that
/// encoding a reply allocates nothing once the buffer has grown to its working size.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] buffer;
    private int written;

    /// <summary>Creates a writer with an initial capacity.</summary>
    public PooledBufferWriter(int initialCapacity = 4096)
    {
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 64));
    }

    /// <summary>Bytes written so far.</summary>
    public int WrittenCount => written;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, written);

    /// <summary>The bytes written so far, as memory.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, written);

    /// <summary>Forgets what was written; keeps the storage.</summary>
    public void Clear() => written = 0;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (written + count > buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer");
        }

        written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    /// <summary>Overwrites a big-endian int at an earlier position (used to patch frame lengths).</summary>
    public void PatchInt(int position, int value)
        => BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position, 4), value);

    /// <inheritdoc />
    public void Dispose()
    {
        var old = buffer;
        buffer = [];
        written = 0;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (buffer.Length - written >= sizeHint)
        {
            return;
        }

        var newSize = Math.Max(buffer.Length * 2, written + sizeHint);
        var bigger = ArrayPool<byte>.Shared.Rent(newSize);
        buffer.AsSpan(0, written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
