using System.Buffers.Binary;
using System.Text;

namespace ActorZk.Protocol.Jute;

/// <summary>
/// Writes jute-encoded values (big-endian integers, length-prefixed strings and buffers) into a
/// <see cref="PooledBufferWriter"/>.
/// </summary>
public ref struct JuteWriter
{
    private readonly PooledBufferWriter output;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    public JuteWriter(PooledBufferWriter output)
    {
        this.output = output;
    }

    /// <summary>The buffer being written.</summary>
    public readonly PooledBufferWriter Output => output;

    /// <summary>Writes a 32-bit big-endian integer.</summary>
    public readonly void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    /// <summary>Writes a 64-bit big-endian integer.</summary>
    public readonly void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    /// <summary>Writes a boolean as one byte.</summary>
    public readonly void WriteBool(bool value)
    {
        output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        output.Advance(1);
    }

    /// <summary>Writes a UTF-8 string; <see langword="null"/> is written as length -1.</summary>
    public readonly void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = output.GetSpan(4 + max);
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        output.Advance(4 + length);
    }

    /// <summary>Writes a byte buffer; <see langword="null"/> is written as length -1.</summary>
    public readonly void WriteBuffer(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull)
        {
            WriteInt(-1);
            return;
        }

        var span = output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
        output.Advance(4 + value.Length);
    }

    /// <summary>Writes a byte buffer; <see langword="null"/> is written as length -1.</summary>
    public readonly void WriteBuffer(byte[]? value) => WriteBuffer(value, value is null);

    /// <summary>Writes a vector of strings; <see langword="null"/> is written as count -1.</summary>
    public readonly void WriteStringVector(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            WriteString(values[i]);
        }
    }

    /// <summary>Writes a nested record.</summary>
    public void WriteRecord<T>(T record)
        where T : IJuteRecord
        => record.Serialize(ref this);

    /// <summary>Writes a vector of records; <see langword="null"/> is written as count -1.</summary>
    public void WriteVector<T>(IReadOnlyList<T>? values)
        where T : IJuteRecord
    {
        if (values is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            values[i].Serialize(ref this);
        }
    }
}
