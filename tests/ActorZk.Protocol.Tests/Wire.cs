using System.Buffers;
using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Tests;

/// <summary>Encoding and sequence helpers shared by the tests.</summary>
internal static class Wire
{
    public static byte[] Encode<T>(T record)
        where T : IJuteRecord
    {
        using var output = new PooledBufferWriter(16);
        var writer = new JuteWriter(output);
        record.Serialize(ref writer);
        return output.WrittenSpan.ToArray();
    }

    public static T Decode<T>(ReadOnlySpan<byte> bytes)
        where T : IJuteReadable<T>
    {
        var reader = new JuteReader(bytes);
        var value = T.Deserialize(ref reader);
        Assert.Equal(bytes.Length, reader.Position);
        return value;
    }

    /// <summary>Builds a sequence of several segments, split at the given lengths.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, IEnumerable<int> chunkLengths)
    {
        Segment? first = null;
        Segment? last = null;
        var offset = 0;
        foreach (var length in chunkLengths.Append(int.MaxValue))
        {
            var take = Math.Min(length, bytes.Length - offset);
            if (take <= 0 && first is not null)
            {
                break;
            }

            var segment = new Segment(bytes.AsMemory(offset, take));
            offset += take;
            if (last is null)
            {
                first = last = segment;
            }
            else
            {
                last = last.Append(segment);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }
}
