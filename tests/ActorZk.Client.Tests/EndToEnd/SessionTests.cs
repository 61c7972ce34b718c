using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;

namespace ActorZk.Client.Tests.EndToEnd;

public sealed class SessionTests(ServerFixture server) : ClientTestBase(server)
{
    [ZooKeeperFact]
    public async Task Connect_establishes_a_session_and_reports_connected()
    {
        var watcher = new EventRecorder();
        var client = await ConnectAsync(o => o.DefaultWatcher = watcher);

        Assert.Equal(ConnectionState.Connected, client.State);
        Assert.NotEqual(0, client.SessionId);
        Assert.Equal(16, client.SessionPassword.Length);
        Assert.Equal(TimeSpan.FromSeconds(10), client.SessionTimeout);
        var connected = await watcher.WaitForAsync(EventType.None, KeeperState.SyncConnected);
        Assert.Null(connected.Path);
    }

    [ZooKeeperFact]
    public async Task Requested_session_timeout_is_negotiated_by_the_server()
    {
        var client = await ConnectAsync(o => o.SessionTimeout = TimeSpan.FromMilliseconds(100));
        Assert.True(client.SessionTimeout >= TimeSpan.FromMilliseconds(100));
        Assert.NotEqual(TimeSpan.FromMilliseconds(100), client.SessionTimeout);
    }

    [ZooKeeperFact]
    public async Task Unreachable_servers_in_the_list_are_skipped()
    {
        var dead = $"127.0.0.1:{ClosedPort()}";
        var client = await ZooKeeperClient.ConnectAsync(
            $"{dead},{Server.Hosts}",
            new ZooKeeperClientOptions { ShuffleHosts = false, ConnectTimeout = TimeSpan.FromSeconds(15) });
        await using (client)
        {
            Assert.Equal(ConnectionState.Connected, client.State);
        }
    }

    [ZooKeeperFact]
    public async Task Connect_fails_with_connection_loss_when_no_server_answers()
    {
        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ConnectionLossException>(() => ZooKeeperClient.ConnectAsync(
            $"127.0.0.1:{ClosedPort()}",
            new ZooKeeperClientOptions { ConnectTimeout = TimeSpan.FromSeconds(2), ReconnectDelay = TimeSpan.FromMilliseconds(100) }));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.NotNull(error.InnerException);
    }

    [ZooKeeperFact]
    public async Task Connect_gives_up_on_a_server_that_accepts_but_never_answers()
    {
        using var blackhole = new TcpListener(IPAddress.Loopback, 0);
        blackhole.Start();
        var port = ((IPEndPoint)blackhole.LocalEndpoint).Port;

        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ConnectionLossException>(() => ZooKeeperClient.ConnectAsync(
            $"127.0.0.1:{port}",
            new ZooKeeperClientOptions { ConnectTimeout = TimeSpan.FromSeconds(3), SessionTimeout = TimeSpan.FromSeconds(2) }));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [ZooKeeperFact]
    public async Task Reconnection_moves_to_the_next_server_of_the_list()
    {
        // The same server listed twice: after a connection loss the client must use the other entry.
        var first = Server.Hosts.Split(',')[0];
        var client = await ZooKeeperClient.ConnectAsync(
            $"{first},{first}",
            new ZooKeeperClientOptions { ShuffleHosts = false, ReconnectDelay = TimeSpan.FromMilliseconds(50) });
        await using (client)
        {
            var states = new StateRecorder(client);
            var sessionId = client.SessionId;
            Assert.Same(client.ConnectionString.Hosts[0], client.CurrentServerForTesting);

            client.DropConnectionForTesting();
            await states.WaitForAsync(ConnectionState.Connected);

            Assert.Same(client.ConnectionString.Hosts[1], client.CurrentServerForTesting);
            Assert.Equal(sessionId, client.SessionId);
        }
    }

    [ZooKeeperFact]
    public async Task Reconnection_skips_a_dead_server_and_resumes_the_session()
    {
        var client = await ZooKeeperClient.ConnectAsync(
            $"127.0.0.1:{ClosedPort()},{Server.Hosts}",
            new ZooKeeperClientOptions { ShuffleHosts = false, ReconnectDelay = TimeSpan.FromMilliseconds(50), SessionTimeout = TimeSpan.FromSeconds(10) });
        await using (client)
        {
            var states = new StateRecorder(client);
            var sessionId = client.SessionId;
            var ephemeral = await client.CreateAsync(P("survivor"), [], Open, CreateMode.Ephemeral);

            client.DropConnectionForTesting();
            await states.WaitForAsync(ConnectionState.Connected);

            Assert.Equal(sessionId, client.SessionId);
            Assert.Equal(sessionId, (await client.ExistsAsync(ephemeral))!.Value.EphemeralOwner);
        }
    }

    [ZooKeeperFact]
    public async Task Session_resumes_on_reconnection_with_its_ephemerals_and_watches()
    {
        var client = await ConnectAsync();
        var states = new StateRecorder(client);
        var sessionId = client.SessionId;
        var ephemeral = await client.CreateAsync(P("mine"), [], Open, CreateMode.Ephemeral);
        var watched = P("watched");
        await client.CreateAsync(watched, [], Open);
        var watcher = new EventRecorder();
        await client.GetDataAsync(watched, watcher);
        var persistent = new EventRecorder();
        await client.AddWatchAsync(Root, AddWatchMode.PersistentRecursive, persistent);

        // Hold the client disconnected while another session changes the watched node.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.BeforeReconnectForTesting = _ => release.Task;
        client.DropConnectionForTesting();
        await states.WaitForAsync(ConnectionState.Disconnected);
        Assert.Equal(ConnectionState.Disconnected, client.State);

        await Zk.SetDataAsync(watched, [1]);
        await Zk.CreateAsync(P("created-while-away"), [], Open);
        var queued = client.GetDataAsync(watched);
        Assert.False(queued.IsCompleted);

        release.SetResult();
        await states.WaitForAsync(ConnectionState.Connected);
        client.BeforeReconnectForTesting = null;

        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal(new byte[] { 1 }, (await queued).Data);
        Assert.Equal(client.SessionId, (await Zk.ExistsAsync(ephemeral))!.Value.EphemeralOwner);

        // setWatches with the last zxid seen makes the server fire the one-shot watches whose node changed while
        // disconnected (persistent watches are re-registered, without replay, as ZooKeeper does).
        Assert.Equal(watched, (await watcher.WaitForAsync(EventType.NodeDataChanged)).Path);

        // The persistent recursive watch is registered again on the server.
        await Zk.CreateAsync(P("created-after"), [], Open);
        await persistent.WaitForAsync(events => events.Any(e => e.Type == EventType.NodeCreated && e.Path == P("created-after")));
        Assert.DoesNotContain(persistent.Events, e => e.Path == P("created-while-away"));
    }

    [ZooKeeperFact]
    public async Task Requests_outstanding_when_the_connection_drops_fail_with_connection_loss()
    {
        var client = await ConnectAsync();
        var states = new StateRecorder(client);
        var calls = Enumerable.Range(0, 200).Select(_ => (Task)client.ExistsAsync(Root)).ToList();
        client.DropConnectionForTesting();

        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                await c;
                return "ok";
            }
            catch (ConnectionLossException)
            {
                return "loss";
            }
        })).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "ok", "loss" }));

        await states.WaitForAsync(ConnectionState.Connected);
        Assert.NotNull(await client.ExistsAsync(Root));
        Assert.True(client.LastZxid > 0);
    }

    [ZooKeeperFact]
    public async Task Pings_keep_an_idle_session_alive()
    {
        var client = await ConnectAsync(o => o.SessionTimeout = TimeSpan.FromSeconds(2));
        var states = new StateRecorder(client);
        var ephemeral = await client.CreateAsync(P("alive"), [], Open, CreateMode.Ephemeral);

        await Task.Delay(client.SessionTimeout * 3);

        Assert.Equal(ConnectionState.Connected, client.State);
        Assert.Empty(states.States);
        Assert.NotNull(await Zk.ExistsAsync(ephemeral));
    }

    [ZooKeeperFact]
    public async Task Session_closed_elsewhere_expires_the_client()
    {
        var defaults = new EventRecorder();
        var client = await ConnectAsync(o => o.DefaultWatcher = defaults);
        var states = new StateRecorder(client);
        var ephemeral = await client.CreateAsync(P("expiring"), [], Open, CreateMode.Ephemeral);
        var watcher = new EventRecorder();
        await client.ExistsAsync(ephemeral, watcher);

        // A second client resumes the same session and closes it: the server drops the first connection, and the
        // first client's reconnection is answered "expired".
        var clone = await ZooKeeperClient.ConnectAsync(Server.Hosts, new ZooKeeperClientOptions
        {
            SessionId = client.SessionId,
            SessionPassword = client.SessionPassword,
            SessionTimeout = TimeSpan.FromSeconds(10),
        });
        Assert.Equal(client.SessionId, clone.SessionId);
        await clone.CloseAsync();

        await states.WaitForAsync(ConnectionState.Expired);
        Assert.Equal(ConnectionState.Expired, client.State);
        await defaults.WaitForAsync(EventType.None, KeeperState.Expired);
        await watcher.WaitForAsync(EventType.None, KeeperState.Expired);
        await Assert.ThrowsAsync<SessionExpiredException>(() => client.ExistsAsync("/"));
        Assert.Null(await Zk.ExistsAsync(ephemeral));
    }

    [ZooKeeperFact]
    public async Task Resuming_an_unknown_session_fails_with_session_expired()
    {
        var gone = await ConnectAsync();
        var (id, password) = (gone.SessionId, gone.SessionPassword);
        await gone.CloseAsync();

        await Assert.ThrowsAsync<SessionExpiredException>(() => ZooKeeperClient.ConnectAsync(
            Server.Hosts,
            new ZooKeeperClientOptions { SessionId = id, SessionPassword = password }));
    }

    [ZooKeeperFact]
    public async Task Client_expires_the_session_itself_when_no_server_is_reachable_for_too_long()
    {
        var client = await ConnectAsync(o => o.SessionTimeout = TimeSpan.FromSeconds(2));
        var states = new StateRecorder(client);
        var ephemeral = await client.CreateAsync(P("lost"), [], Open, CreateMode.Ephemeral);
        var timeout = client.SessionTimeout;

        // Keep the client away from every server for longer than 4/3 of the session timeout.
        client.BeforeReconnectForTesting = ct => Task.Delay(timeout * 2, ct);
        client.DropConnectionForTesting();
        await states.WaitForAsync(ConnectionState.Disconnected);
        await states.WaitForAsync(ConnectionState.Expired, timeout: TimeSpan.FromSeconds(20));

        await Assert.ThrowsAsync<SessionExpiredException>(() => client.ExistsAsync("/"));
        await WaitUntilAsync(async () => await Zk.ExistsAsync(ephemeral) is null, TimeSpan.FromSeconds(15));
    }

    [ZooKeeperFact]
    public async Task Close_ends_the_session_and_later_calls_fail()
    {
        var watcher = new EventRecorder();
        var client = await ConnectAsync(o => o.DefaultWatcher = watcher);
        var states = new StateRecorder(client);
        var ephemeral = await client.CreateAsync(P("bye"), [], Open, CreateMode.Ephemeral);

        await client.CloseAsync();
        await client.CloseAsync();
        await client.DisposeAsync();

        Assert.Equal(ConnectionState.Closed, client.State);
        Assert.Equal([ConnectionState.Closed], states.States);
        await watcher.WaitForAsync(EventType.None, KeeperState.Closed);
        await Assert.ThrowsAsync<SessionExpiredException>(() => client.GetDataAsync(Root));
        await Assert.ThrowsAsync<SessionExpiredException>(() => client.AddAuthAsync("digest", [1]));
        Assert.Null(await Zk.ExistsAsync(ephemeral));
    }

    [ZooKeeperFact]
    public async Task Close_from_a_watcher_does_not_deadlock()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ZooKeeperClient? client = null;
        var watcher = new EventRecorder
        {
            OnEvent = e =>
            {
                if (e.Type == EventType.NodeDataChanged)
                {
                    _ = client!.CloseAsync().ContinueWith(_ => closed.TrySetResult(), TaskScheduler.Default);
                }
            },
        };
        client = await ConnectAsync();
        await client.CreateAsync(P("close-me"), [], Open);
        await client.GetDataAsync(P("close-me"), watcher);
        await Zk.SetDataAsync(P("close-me"), [1]);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ConnectionState.Closed, client.State);
    }

    private static int ClosedPort() => Loopback.FreePort();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }
}
