using System.Buffers;
using ActorZk.Protocol.Jute;

namespace ActorZk.Client.Engine;

/// <summary>
/// A caller-supplied record encoded up front, on the caller's thread: a faulty record then fails the call instead
/// of the shared writer loop.
/// </summary>
internal sealed class PreEncodedRecord : IJuteRecord
{
    private readonly byte[] bytes;

    private PreEncodedRecord(byte[] bytes)
    {
        this.bytes = bytes;
    }

    /// <summary>Encodes <paramref name="record"/>.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The encoded record.</returns>
    public static PreEncodedRecord Encode(IJuteRecord record)
    {
        using var buffer = new PooledBufferWriter(256);
        var writer = new JuteWriter(buffer);
        record.Serialize(ref writer);
        return new PreEncodedRecord(buffer.WrittenSpan.ToArray());
    }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.Output.Write(bytes);
}
