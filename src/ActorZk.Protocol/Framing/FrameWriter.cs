using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Protocol.Framing;

/// <summary>
/// Appends complete length-prefixed frames to a <see cref="PooledBufferWriter"/>: a placeholder length is
/// written first and patched once the content is known. Frames are appended, so several can be batched
/// into one buffer before a flush.
/// </summary>
public static class FrameWriter
{
    /// <summary>Appends a reply frame: <paramref name="header"/> then the optional <paramref name="body"/>.</summary>
    /// <returns>The frame's length field, the bytes after the prefix (what ZooKeeper counts as the response size).</returns>
    public static int WriteReply(PooledBufferWriter output, in ReplyHeader header, IJuteRecord? body = null)
    {
        var start = Begin(output, out var writer);
        writer.WriteRecord(header);
        body?.Serialize(ref writer);
        return End(output, start);
    }

    /// <summary>
    /// Appends a watch notification: a reply header with xid -1, <paramref name="zxid"/> and err 0, then the event.
    /// ZooKeeper 3.9 puts the zxid of the triggering change there (older servers sent -1).
    /// </summary>
    /// <returns>The frame's length field.</returns>
    public static int WriteNotification(PooledBufferWriter output, long zxid, WatcherEvent watcherEvent)
        => WriteReply(output, new ReplyHeader(Xids.Notification, zxid, ErrorCode.Ok), watcherEvent);

    /// <summary>Appends a request frame: <paramref name="header"/> then the optional <paramref name="body"/>.</summary>
    /// <returns>The frame's length field.</returns>
    public static int WriteRequest(PooledBufferWriter output, in RequestHeader header, IJuteRecord? body = null)
    {
        var start = Begin(output, out var writer);
        writer.WriteRecord(header);
        body?.Serialize(ref writer);
        return End(output, start);
    }

    /// <summary>Appends the client's handshake frame (no header).</summary>
    /// <returns>The frame's length field.</returns>
    public static int WriteConnectRequest(PooledBufferWriter output, ConnectRequest request) => WriteRecord(output, request);

    /// <summary>Appends the server's handshake answer (no header); see <see cref="ConnectResponse.WriteReadOnlyFlag"/>.</summary>
    /// <returns>The frame's length field.</returns>
    public static int WriteConnectResponse(PooledBufferWriter output, ConnectResponse response) => WriteRecord(output, response);

    /// <summary>Appends a frame holding just <paramref name="record"/>.</summary>
    /// <returns>The frame's length field.</returns>
    public static int WriteRecord(PooledBufferWriter output, IJuteRecord record)
    {
        var start = Begin(output, out var writer);
        record.Serialize(ref writer);
        return End(output, start);
    }

    private static int Begin(PooledBufferWriter output, out JuteWriter writer)
    {
        var start = output.WrittenCount;
        writer = new JuteWriter(output);
        writer.WriteInt(0);
        return start;
    }

    private static int End(PooledBufferWriter output, int start)
    {
        var length = output.WrittenCount - start - FrameParser.LengthPrefixSize;
        output.PatchInt(start, length);
        return length;
    }
}
