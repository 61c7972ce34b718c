using System.Net;
using System.Net.Sockets;
using ActorZk.Server.Quorum.Remoting;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Xunit;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Quorum.Remoting;

/// <summary>
/// The ensemble's Akka.Remote transport (SocketTransport) between real actor systems on loopback: payloads of every
/// size arrive whole and in order, a system restarted on the same port is reached again, and a peer that sends a bad
/// frame loses its own connection and nothing else, and a reset closes a system's connections without breaking the
/// link for good. The socket buffers are small so that large payloads take the
/// path where the kernel's buffer is full and the rest waits for the reader.
/// </summary>
public sealed class SocketTransportTests(ITestOutputHelper output) : TestKit(SystemConfig(0), "actorzk", output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static Config SystemConfig(int port) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = remote
        akka.remote.retry-gate-closed-for = 200ms
        akka.remote.enabled-transports = ["akka.remote.actorzk-tcp"]
        akka.remote.actorzk-tcp {
          transport-class = "ActorZk.Server.Quorum.Remoting.SocketTransport, ActorZk.Server"
          applied-adapters = []
          hostname = "127.0.0.1"
          port = {{port}}
          maximum-frame-size = 4MiB
          socket-buffer-size = 64KiB
          connection-timeout = 5s
        }
        """);

    private static ActorSystem StartEchoSystem(int port = 0)
    {
        var system = ActorSystem.Create("echo", SystemConfig(port));
        system.ActorOf(Props.Create(() => new Echo()), "echo");
        return system;
    }

    private static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    private ActorSelection EchoAt(Address address) => Sys.ActorSelection(new RootActorPath(address) / "user" / "echo");

    [Fact]
    public async Task PayloadsOfEverySizeArriveWholeAndInOrder()
    {
        var echoSystem = StartEchoSystem();
        try
        {
            var echo = EchoAt(AddressOf(echoSystem));
            var sizes = new[] { 0, 1, 1000, 100_000, 3_000_000, 7, 64 * 1024 };
            var payloads = sizes.Select((size, i) => Enumerable.Range(0, size).Select(b => (byte)(b * 31 + i)).ToArray()).ToList();
            foreach (var payload in payloads)
            {
                echo.Tell(payload, TestActor);
            }

            foreach (var payload in payloads)
            {
                Assert.Equal(payload, ExpectMsg<byte[]>(Wait));
            }

            // A burst of small messages: one frame after another in the same reads, still in order.
            for (var i = 0; i < 2000; i++)
            {
                echo.Tell(i, TestActor);
            }

            for (var i = 0; i < 2000; i++)
            {
                Assert.Equal(i, ExpectMsg<int>(Wait));
            }
        }
        finally
        {
            await echoSystem.Terminate().WaitAsync(Wait);
        }
    }

    [Fact]
    public async Task A_system_restarted_on_the_same_port_is_reached_again()
    {
        var first = StartEchoSystem();
        var address = AddressOf(first);
        EchoAt(address).Tell("before", TestActor);
        ExpectMsg("before", Wait);

        await first.Terminate().WaitAsync(Wait);
        var second = StartEchoSystem(address.Port!.Value);
        try
        {
            await EchoesAgainAsync(address);
        }
        finally
        {
            await second.Terminate().WaitAsync(Wait);
        }
    }

    [Fact]
    public Task A_bad_frame_closes_that_connection_only() => WithAnsweringEchoSystemAsync(async (_, address) =>
    {
        using (var rogue = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await rogue.ConnectAsync(IPAddress.Loopback, address.Port!.Value);
            // A length far beyond maximum-frame-size.
            await rogue.SendAsync(new byte[] { 0xff, 0xff, 0xff, 0x7f, 1, 2, 3 });
            using var timeout = new CancellationTokenSource(Wait);
            var read = await rogue.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
            Assert.Equal(0, read);
        }

        EchoAt(address).Tell("still here", TestActor);
        ExpectMsg("still here", Wait);
    });

    [Fact]
    public Task Resetting_a_systems_connections_closes_them_on_both_sides_and_the_next_message_associates_afresh()
        => WithAnsweringEchoSystemAsync(async (echoSystem, address) =>
    {
        var here = SocketTransport.Of(Sys)!;
        var there = SocketTransport.Of(echoSystem)!;
        Assert.True(here.OpenConnections >= 1);

        var closed = SocketTransport.ResetConnections(Sys, "test");

        Assert.True(closed >= 1, $"closed {closed}");
        Assert.Equal(1, here.Resets);
        Assert.Equal(0, there.Resets);
        await AwaitConditionAsync(() => Task.FromResult(here.OpenConnections == 0 && there.OpenConnections == 0), Wait);
        await EchoesAgainAsync(address);
    });

    // A fresh echo system that has answered once, so the link is up; it is stopped whatever the test does.
    private async Task WithAnsweringEchoSystemAsync(Func<ActorSystem, Address, Task> test)
    {
        var echoSystem = StartEchoSystem();
        try
        {
            var address = AddressOf(echoSystem);
            EchoAt(address).Tell("first", TestActor);
            ExpectMsg("first", Wait);
            await test(echoSystem, address);
        }
        finally
        {
            await echoSystem.Terminate().WaitAsync(Wait);
        }
    }

    // The old association is gone; the first messages may meet its closed gate, so keep asking.
    private Task EchoesAgainAsync(Address address) => AwaitAssertAsync(
        () =>
        {
            EchoAt(address).Tell("after", TestActor);
            ExpectMsg("after", TimeSpan.FromMilliseconds(500));
        },
        Wait,
        TimeSpan.FromMilliseconds(100));

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }
}
