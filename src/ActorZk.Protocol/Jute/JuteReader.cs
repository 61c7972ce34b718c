using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorZk.Protocol.Jute;

/// <summary>
/// Reads jute-encoded (big-endian, length-prefixed) values from a contiguous buffer without
/// allocating anything except the strings and byte arrays it returns.
/// </summary>
/// <remarks>Every read checks the remaining length; running off the end throws <see cref="JuteException"/>.</remarks>
public ref struct JuteReader
{
    private readonly ReadOnlySpan<byte> buffer;
    private int position;

    /// <summary>Creates a reader positioned at the start of <paramref name="buffer"/>.</summary>
    public JuteReader(ReadOnlySpan<byte> buffer)
    {
        this.buffer = buffer;
        position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => buffer.Length - position;

    /// <summary>The unread part of the buffer.</summary>
    public readonly ReadOnlySpan<byte> UnreadSpan => buffer[position..];

    /// <summary>Reads a 32-bit big-endian integer.</summary>
    public int ReadInt()
    {
        EnsureRemaining(4);
        var value = BinaryPrimitives.ReadInt32BigEndian(buffer[position..]);
        position += 4;
        return value;
    }

    /// <summary>Reads a 64-bit big-endian integer.</summary>
    public long ReadLong()
    {
        EnsureRemaining(8);
        var value = BinaryPrimitives.ReadInt64BigEndian(buffer[position..]);
        position += 8;
        return value;
    }

    /// <summary>Reads a boolean encoded as one byte (any non-zero value is true).</summary>
    public bool ReadBool()
    {
        EnsureRemaining(1);
        return buffer[position++] != 0;
    }

    /// <summary>Reads a UTF-8 string; a length of -1 yields <see langword="null"/>.</summary>
    public string? ReadString()
    {
        var length = ReadLength();
        if (length < 0)
        {
            return null;
        }

        var value = length == 0 ? string.Empty : Encoding.UTF8.GetString(buffer.Slice(position, length));
        position += length;
        return value;
    }

    /// <summary>Reads a byte buffer; a length of -1 yields <see langword="null"/>.</summary>
    public byte[]? ReadBuffer()
    {
        var length = ReadLength();
        if (length < 0)
        {
            return null;
        }

        var value = length == 0 ? [] : buffer.Slice(position, length).ToArray();
        position += length;
        return value;
    }

    /// <summary>Reads a vector length: -1 means a null vector.</summary>
    public int ReadVectorLength()
    {
        var count = ReadInt();
        if (count < -1 || count > Remaining)
        {
            // Every element takes at least one byte, so a count above what is left is corrupt.
            JuteException.ThrowBadLength(count, Remaining);
        }

        return count;
    }

    /// <summary>Reads a vector of strings; a null vector yields <see langword="null"/>.</summary>
    public List<string>? ReadStringVector()
    {
        var count = ReadVectorLength();
        if (count < 0)
        {
            return null;
        }

        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadString() ?? string.Empty);
        }

        return list;
    }

    /// <summary>Reads a nested record.</summary>
    public T ReadRecord<T>()
        where T : IJuteReadable<T>
        => T.Deserialize(ref this);

    /// <summary>Reads a vector of records; a null vector yields <see langword="null"/>.</summary>
    public List<T>? ReadVector<T>()
        where T : IJuteReadable<T>
    {
        var count = ReadVectorLength();
        if (count < 0)
        {
            return null;
        }

        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(T.Deserialize(ref this));
        }

        return list;
    }

    private int ReadLength()
    {
        var length = ReadInt();
        if (length < -1 || length > Remaining)
        {
            JuteException.ThrowBadLength(length, Remaining);
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void EnsureRemaining(int count)
    {
        if (buffer.Length - position < count)
        {
            JuteException.ThrowTruncated(count, buffer.Length - position);
        }
    }
}
