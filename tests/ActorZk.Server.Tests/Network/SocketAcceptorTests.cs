using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ActorZk.Server.Network;
using Xunit;

namespace ActorZk.Server.Tests.Network;

/// <summary>The accept loop the client port and the AdminServer share, on real loopback sockets.</summary>
public sealed class SocketAcceptorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_accepted_socket_goes_to_the_callback_and_the_port_closes_on_dispose()
    {
        var accepted = Channel.CreateUnbounded<Socket>();
        var acceptor = SocketAcceptor.Listen(
            new IPEndPoint(IPAddress.Loopback, 0),
            backlog: 8,
            (socket, _) => accepted.Writer.TryWrite(socket),
            _ => { });
        var port = acceptor.LocalEndPoint.Port;
        Assert.NotEqual(0, port);

        using var first = new TcpClient();
        await first.ConnectAsync(IPAddress.Loopback, port);
        using var second = new TcpClient();
        await second.ConnectAsync(IPAddress.Loopback, port);
        using var a = await accepted.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        using var b = await accepted.Reader.ReadAsync().AsTask().WaitAsync(Wait);

        // The callback owns the sockets: they carry bytes.
        await first.GetStream().WriteAsync(new byte[] { 42 });
        var buffer = new byte[1];
        var from = ((IPEndPoint)a.RemoteEndPoint!).Port == ((IPEndPoint)first.Client.LocalEndPoint!).Port ? a : b;
        Assert.Equal(1, await from.ReceiveAsync(buffer).WaitAsync(Wait));
        Assert.Equal(42, buffer[0]);

        await acceptor.DisposeAsync();
        using var late = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Wait));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task The_token_given_with_a_socket_is_cancelled_when_the_acceptor_stops()
    {
        var tokens = Channel.CreateUnbounded<CancellationToken>();
        var acceptor = SocketAcceptor.Listen(
            new IPEndPoint(IPAddress.Loopback, 0),
            backlog: 8,
            (socket, stopping) =>
            {
                socket.Dispose();
                tokens.Writer.TryWrite(stopping);
            },
            _ => { });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, acceptor.LocalEndPoint.Port);
        var token = await tokens.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.False(token.IsCancellationRequested);

        await acceptor.DisposeAsync();
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_bound_acceptor_takes_connections_only_once_started()
    {
        // The quorum transport binds first and accepts once Akka is ready: a peer connects into the backlog meanwhile.
        var accepted = Channel.CreateUnbounded<Socket>();
        await using var acceptor = SocketAcceptor.Bind(new IPEndPoint(IPAddress.Loopback, 0), backlog: 8);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, acceptor.LocalEndPoint.Port).WaitAsync(Wait);
        await Task.Delay(200);
        Assert.False(accepted.Reader.TryRead(out _));

        acceptor.Start((socket, _) => accepted.Writer.TryWrite(socket), _ => { });
        using var socket = await accepted.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.True(socket.Connected);
        Assert.Throws<InvalidOperationException>(() => acceptor.Start((s, _) => s.Dispose(), _ => { }));
    }

    [Fact]
    public async Task A_port_in_use_throws_and_the_first_listener_keeps_serving()
    {
        var accepted = Channel.CreateUnbounded<Socket>();
        await using var first = SocketAcceptor.Listen(
            new IPEndPoint(IPAddress.Loopback, 0),
            backlog: 8,
            (socket, _) => accepted.Writer.TryWrite(socket),
            _ => { });
        var port = first.LocalEndPoint.Port;

        var e = Assert.Throws<SocketException>(() => SocketAcceptor.Listen(
            new IPEndPoint(IPAddress.Loopback, port), backlog: 8, (socket, _) => socket.Dispose(), _ => { }));
        Assert.Equal(SocketError.AddressAlreadyInUse, e.SocketErrorCode);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var socket = await accepted.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.True(socket.Connected);
    }
}
