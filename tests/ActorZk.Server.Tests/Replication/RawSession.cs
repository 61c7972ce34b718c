using System.Net;
using System.Net.Sockets;
using ActorZk.Protocol;
using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Replication;

/// <summary>
/// A bare-socket ZooKeeper session for tests that need to misbehave (stop talking, drop the socket)
/// in ways a well-behaved client library never does.
/// </summary>
internal sealed class RawSession : IDisposable
{
    private readonly Socket socket;
    private readonly PooledBufferWriter buffer = new();
    private int xid;

    private RawSession(Socket socket, ConnectResponse response)
    {
        this.socket = socket;
        NegotiatedTimeout = response.TimeOut;
        SessionId = response.SessionId;
    }

    public int NegotiatedTimeout { get; }

    public long SessionId { get; }

    public static async Task<RawSession> ConnectAsync(IPEndPoint endpoint, int timeoutMs)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        using var writer = new PooledBufferWriter();
        FrameWriter.WriteConnectRequest(writer, new ConnectRequest(0, 0, timeoutMs, 0, new byte[16], false));
        await socket.SendAsync(writer.WrittenMemory);
        var frame = await ReadFrameAsync(socket);
        return new RawSession(socket, Decode(frame, static (ref JuteReader r) => ConnectResponse.Deserialize(ref r)));
    }

    public async Task CreateEphemeralAsync(string path)
    {
        buffer.Clear();
        FrameWriter.WriteRequest(
            buffer,
            new RequestHeader(++xid, OpCode.Create),
            new CreateRequest(path, null, Acl.OpenAclUnsafe, (int)CreateMode.Ephemeral));
        await socket.SendAsync(buffer.WrittenMemory);
        var frame = await ReadFrameAsync(socket);
        var header = Decode(frame, static (ref JuteReader r) => ReplyHeader.Deserialize(ref r));
        if (header.Err != ErrorCode.Ok)
        {
            throw new InvalidOperationException($"create {path} failed: {header.Err}");
        }
    }

    /// <summary>Sends one request with the given xid and returns the header of the next frame.</summary>
    public async Task<ReplyHeader> RequestAsync(int requestXid, OpCode op, IJuteRecord record)
    {
        buffer.Clear();
        FrameWriter.WriteRequest(buffer, new RequestHeader(requestXid, op), record);
        await socket.SendAsync(buffer.WrittenMemory);
        var frame = await ReadFrameAsync(socket);
        return Decode(frame, static (ref JuteReader r) => ReplyHeader.Deserialize(ref r));
    }

    /// <summary>Sends one request whose body is <paramref name="body"/> as is, and returns the header of the next frame.</summary>
    public async Task<ReplyHeader> RequestRawAsync(int requestXid, OpCode op, byte[] body)
    {
        buffer.Clear();
        FrameWriter.WriteRequest(buffer, new RequestHeader(requestXid, op), new RawBody(body));
        await socket.SendAsync(buffer.WrittenMemory);
        var frame = await ReadFrameAsync(socket);
        return Decode(frame, static (ref JuteReader r) => ReplyHeader.Deserialize(ref r));
    }

    public void Dispose()
    {
        socket.Dispose();
        buffer.Dispose();
    }

    private delegate T Reader<out T>(ref JuteReader reader);

    // Bytes written as they are, for bodies no record describes (truncated or malformed ones).
    private sealed record RawBody(byte[] Bytes) : IJuteRecord
    {
        public void Serialize(ref JuteWriter writer) => System.Buffers.BuffersExtensions.Write(writer.Output, Bytes.AsSpan());
    }

    private static T Decode<T>(byte[] frame, Reader<T> read)
    {
        var reader = new JuteReader(frame);
        return read(ref reader);
    }

    private static async Task<byte[]> ReadFrameAsync(Socket socket)
    {
        var length = new byte[4];
        await ReceiveExactlyAsync(socket, length);
        var body = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(length)];
        await ReceiveExactlyAsync(socket, body);
        return body;
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> target)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (target.Length > 0)
        {
            var read = await socket.ReceiveAsync(target, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new IOException("The server closed the connection");
            }

            target = target[read..];
        }
    }
}
