using System.Buffers;
using ActorZk.Protocol.Framing;
using CsCheck;
using static ActorZk.Protocol.Tests.Wire;

namespace ActorZk.Protocol.Tests;

public class FrameParserTests
{
    private static byte[] Framed(byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        return frame;
    }

    [Fact]
    public void Random_splits_of_a_frame_stream_yield_the_frames_in_order()
    {
        var gen = Gen.Select(
            Gen.Byte.Array[0, 300].List[1, 12],
            Gen.Int[1, 40].List[0, 60]);
        gen.Sample((payloads, chunks) =>
        {
            var stream = payloads.SelectMany(Framed).ToArray();
            var all = Segmented(stream, chunks);

            // Feed the parser as a PipeReader would: everything received so far minus what was consumed.
            var received = 0L;
            var consumed = all.Start;
            var frames = new List<byte[]>();
            var cuts = chunks.Select(c => (long)c).Append(stream.Length);
            foreach (var chunk in cuts)
            {
                received = Math.Min(stream.Length, received + chunk);
                var buffer = all.Slice(consumed, all.GetPosition(received));
                while (FrameParser.TryReadFrame(ref buffer, 1000, out var frame) == FrameStatus.Complete)
                {
                    frames.Add(frame.ToArray());
                }

                consumed = buffer.Start;
                if (received == stream.Length)
                {
                    break;
                }
            }

            Assert.Equal(payloads.Count, frames.Count);
            for (var i = 0; i < frames.Count; i++)
            {
                Assert.Equal(payloads[i], frames[i]);
            }

            Assert.Equal(stream.Length, all.Slice(0, consumed).Length);
        }, iter: 500);
    }

    [Fact]
    public void Length_prefix_split_across_segments_is_read()
    {
        var bytes = Framed([1, 2, 3]);
        for (var split = 1; split < 4; split++)
        {
            var buffer = Segmented(bytes, [split, 1, 1]);
            Assert.Equal(FrameStatus.Complete, FrameParser.TryReadFrame(ref buffer, 10, out var frame));
            Assert.Equal(new byte[] { 1, 2, 3 }, frame.ToArray());
            Assert.True(buffer.IsEmpty);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void Incomplete_input_leaves_the_buffer_alone(int available)
    {
        var buffer = new ReadOnlySequence<byte>(Framed([1, 2, 3])[..available]);
        var before = buffer;
        Assert.Equal(FrameStatus.Incomplete, FrameParser.TryReadFrame(ref buffer, 10, out var frame));
        Assert.Equal(before, buffer);
        Assert.True(frame.IsEmpty);
    }

    [Fact]
    public void Zero_length_frame_is_complete()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("00000000ff"));
        Assert.Equal(FrameStatus.Complete, FrameParser.TryReadFrame(ref buffer, 10, out var frame));
        Assert.True(frame.IsEmpty);
        Assert.Equal(1, buffer.Length);
    }

    [Fact]
    public void Frame_of_exactly_the_maximum_is_accepted_and_one_more_is_too_large()
    {
        var exact = new ReadOnlySequence<byte>(Framed(new byte[100]));
        Assert.Equal(FrameStatus.Complete, FrameParser.TryReadFrame(ref exact, 100, out _));

        var over = new ReadOnlySequence<byte>(Framed(new byte[101]));
        var before = over;
        Assert.Equal(FrameStatus.TooLarge, FrameParser.TryReadFrame(ref over, 100, out _));
        Assert.Equal(before, over);
    }

    [Fact]
    public void Oversize_is_reported_from_the_prefix_alone()
    {
        // No need to wait for a gigabyte to arrive before refusing it.
        var buffer = new ReadOnlySequence<byte>(Hex("40000000"));
        Assert.Equal(FrameStatus.TooLarge, FrameParser.TryReadFrame(ref buffer, FrameParser.DefaultMaxFrameLength, out _));
    }

    [Theory]
    [InlineData("ffffffff")]
    [InlineData("80000000")]
    [InlineData("fff4fffd")]
    public void Negative_lengths_are_reported(string prefix)
    {
        var buffer = Segmented(Hex(prefix + "0000"), [2]);
        Assert.Equal(FrameStatus.Negative, FrameParser.TryReadFrame(ref buffer, int.MaxValue, out _));
    }

    [Fact]
    public void Random_prefixes_classify_like_ZooKeeper()
    {
        Gen.Int.Sample(length =>
        {
            var bytes = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, length);
            var buffer = new ReadOnlySequence<byte>(bytes);
            var status = FrameParser.TryReadFrame(ref buffer, FrameParser.DefaultMaxFrameLength, out _);
            var expected = length < 0 ? FrameStatus.Negative
                : length > FrameParser.DefaultMaxFrameLength ? FrameStatus.TooLarge
                : length == 0 ? FrameStatus.Complete
                : FrameStatus.Incomplete;
            Assert.Equal(expected, status);
        });
    }
}
