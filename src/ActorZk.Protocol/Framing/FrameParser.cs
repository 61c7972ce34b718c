using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ActorZk.Protocol.Framing;

/// <summary>
/// Splits a byte stream into ZooKeeper frames: a 4-byte big-endian length followed by that many bytes.
/// Works on <see cref="ReadOnlySequence{T}"/> as handed out by a <c>PipeReader</c> and allocates nothing.
/// </summary>
/// <remarks>
/// On the first frame of a connection, check <see cref="FourLetterWords.TryGetCommand(in ReadOnlySequence{byte}, out string?)"/>
/// before calling <see cref="TryReadFrame"/>: ZooKeeper reads the four letters as a length (which would
/// otherwise be far too large, or negative for the telnet close sequence).
/// </remarks>
public static class FrameParser
{
    /// <summary>Size of the length prefix.</summary>
    public const int LengthPrefixSize = 4;

    /// <summary>ZooKeeper's default <c>jute.maxbuffer</c>: the largest frame it accepts (1 MiB - 1).</summary>
    public const int DefaultMaxFrameLength = 0xfffff;

    /// <summary>
    /// Reads one frame. On <see cref="FrameStatus.Complete"/>, <paramref name="frame"/> is the frame's payload
    /// (without the prefix) and <paramref name="buffer"/> starts after it; otherwise neither is changed
    /// (<paramref name="frame"/> is empty).
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past a complete frame.</param>
    /// <param name="maxFrameLength">The largest payload length accepted.</param>
    /// <param name="frame">The frame's payload, a slice of <paramref name="buffer"/>.</param>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameLength, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (!TryPeekLength(buffer, out var length))
        {
            return FrameStatus.Incomplete;
        }

        if (length < 0)
        {
            return FrameStatus.Negative;
        }

        if (length > maxFrameLength)
        {
            return FrameStatus.TooLarge;
        }

        if (buffer.Length - LengthPrefixSize < length)
        {
            return FrameStatus.Incomplete;
        }

        frame = buffer.Slice(LengthPrefixSize, length);
        buffer = buffer.Slice(frame.End);
        return FrameStatus.Complete;
    }

    /// <summary>Reads the first four bytes as a big-endian int without consuming them.</summary>
    /// <returns>False when fewer than four bytes are available.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPeekLength(in ReadOnlySequence<byte> buffer, out int length)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= LengthPrefixSize)
        {
            length = BinaryPrimitives.ReadInt32BigEndian(first);
            return true;
        }

        return TryPeekLengthSlow(buffer, out length);
    }

    // The prefix straddles segments: rare, so kept out of the inlined path.
    private static bool TryPeekLengthSlow(in ReadOnlySequence<byte> buffer, out int length)
    {
        if (buffer.Length < LengthPrefixSize)
        {
            length = 0;
            return false;
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
        length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        return true;
    }
}
