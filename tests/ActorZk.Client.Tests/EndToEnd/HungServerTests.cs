using ActorZk.Client.Exceptions;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;

namespace ActorZk.Client.Tests.EndToEnd;

/// <summary>A server that stops answering (frozen with SIGSTOP, as in a long GC pause) without closing the socket.</summary>
public sealed class HungServerTests(ServerFixture server) : ClientTestBase(server)
{
    [LocalZooKeeperFact]
    public async Task Request_timeout_resets_the_connection_and_the_session_resumes_when_the_server_answers_again()
    {
        var client = await ConnectAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromSeconds(1);
            o.SessionTimeout = TimeSpan.FromSeconds(20);
        });
        var states = new StateRecorder(client);
        var sessionId = client.SessionId;
        var ephemeral = await client.CreateAsync(P("hung"), [], Open, CreateMode.Ephemeral);

        await Server.FreezeAsync(true);
        try
        {
            var first = client.ExistsAsync(ephemeral);
            var second = client.GetDataAsync(ephemeral);
            await Assert.ThrowsAsync<RequestTimeoutException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
            await Assert.ThrowsAsync<ConnectionLossException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
            await states.WaitForAsync(ConnectionState.Disconnected);
        }
        finally
        {
            await Server.FreezeAsync(false);
        }

        await states.WaitForAsync(ConnectionState.Connected, timeout: TimeSpan.FromSeconds(30));
        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal(sessionId, (await client.ExistsAsync(ephemeral))!.Value.EphemeralOwner);
    }

    [LocalZooKeeperFact]
    public async Task Silent_server_is_detected_by_the_read_timeout()
    {
        var client = await ConnectAsync(o => o.SessionTimeout = TimeSpan.FromSeconds(6));
        var states = new StateRecorder(client);
        var sessionId = client.SessionId;

        await Server.FreezeAsync(true);
        try
        {
            // Nothing heard for 2/3 of the session timeout (pings unanswered): the client drops the connection.
            await states.WaitForAsync(ConnectionState.Disconnected, timeout: TimeSpan.FromSeconds(15));
        }
        finally
        {
            await Server.FreezeAsync(false);
        }

        await states.WaitForAsync(ConnectionState.Connected, timeout: TimeSpan.FromSeconds(30));
        Assert.Equal(sessionId, client.SessionId);
        Assert.NotNull(await client.ExistsAsync(Root));
    }

    [LocalZooKeeperFact]
    public async Task Unanswered_auth_times_out_and_is_re_sent_after_the_reconnection()
    {
        var client = await ConnectAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromSeconds(1);
            o.SessionTimeout = TimeSpan.FromSeconds(20);
        });
        var states = new StateRecorder(client);

        await Server.FreezeAsync(true);
        try
        {
            var auth = client.AddAuthAsync("digest", "dave:pw"u8.ToArray());
            await Assert.ThrowsAsync<RequestTimeoutException>(() => auth.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await Server.FreezeAsync(false);
        }

        await states.WaitForAsync(ConnectionState.Connected, timeout: TimeSpan.FromSeconds(30));
        Assert.Contains(await client.WhoAmIAsync(), i => i.AuthScheme == "digest" && i.User == "dave");
    }
}
