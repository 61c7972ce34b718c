using System.Buffers;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using static ActorZk.Protocol.Tests.Wire;

namespace ActorZk.Protocol.Tests;

public class FrameWriterTests
{
    [Fact]
    public void Reply_frame_is_length_header_body()
    {
        using var output = new PooledBufferWriter(16);
        var length = FrameWriter.WriteReply(output, new ReplyHeader(7, 0x100000001, ErrorCode.Ok), new SyncResponse("/a"));
        Assert.Equal(16 + 6, length);
        Assert.Equal(Hex("00000016" + "00000007" + "0000000100000001" + "00000000" + "000000022f61"), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Reply_without_body_is_just_the_header()
    {
        using var output = new PooledBufferWriter(16);
        Assert.Equal(16, FrameWriter.WriteReply(output, new ReplyHeader(Xids.Ping, 5, ErrorCode.Ok)));
        Assert.Equal(20, output.WrittenCount);
    }

    [Fact]
    public void Frames_are_appended_and_parse_back()
    {
        using var output = new PooledBufferWriter(16); // small, so the writer grows mid-frame
        FrameWriter.WriteConnectResponse(output, new ConnectResponse(0, 30000, 1, new byte[16], false));
        FrameWriter.WriteNotification(output, 9, new WatcherEvent(EventType.NodeCreated, KeeperState.SyncConnected, "/n"));
        FrameWriter.WriteRequest(output, new RequestHeader(3, OpCode.GetData), new GetDataRequest("/n", true));
        FrameWriter.WriteRequest(output, new RequestHeader(Xids.Ping, OpCode.Ping));
        FrameWriter.WriteConnectRequest(output, new ConnectRequest(0, 0, 10, 0, new byte[16], false));

        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        var frames = new List<byte[]>();
        while (FrameParser.TryReadFrame(ref buffer, 1000, out var frame) == FrameStatus.Complete)
        {
            frames.Add(frame.ToArray());
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(5, frames.Count);
        Assert.Equal(30000, Decode<ConnectResponse>(frames[0]).TimeOut);

        var reader = new JuteReader(frames[1]);
        Assert.Equal(new ReplyHeader(Xids.Notification, 9, ErrorCode.Ok), ReplyHeader.Deserialize(ref reader));
        Assert.Equal(new WatcherEvent(EventType.NodeCreated, KeeperState.SyncConnected, "/n"), WatcherEvent.Deserialize(ref reader));

        reader = new JuteReader(frames[2]);
        Assert.Equal(new RequestHeader(3, OpCode.GetData), RequestHeader.Deserialize(ref reader));
        Assert.Equal(new GetDataRequest("/n", true), RequestDecoder.Decode(OpCode.GetData, ref reader));

        Assert.Equal(Hex("fffffffe0000000b"), frames[3]);
        Assert.Equal(10, Decode<ConnectRequest>(frames[4]).TimeOut);
    }
}
