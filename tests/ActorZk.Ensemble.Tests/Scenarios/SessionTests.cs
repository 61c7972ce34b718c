using System.Diagnostics;
using ActorZk.Client;
using ActorZk.Ensemble.Tests.Infrastructure;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>Sessions belong to the ensemble, not to a server: they move when their server dies or hangs.</summary>
public sealed class SessionTests(ITestOutputHelper output) : ScenarioBase(output)
{
    [EnsembleFact]
    public Task A_session_survives_the_death_of_its_server() => RunAsync(3, 0, TimeSpan.FromSeconds(120), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var x = ensemble.Members.Select(m => m.Id).First(i => i != leader);
        var order = new[] { x }.Concat(ensemble.Members.Select(m => m.Id).Where(i => i != x)).ToArray();
        await using var client = await Zk.ConnectAsync(ensemble.HostsOf(order), shuffle: false);
        var states = new Zk.StateLog(client);
        var sessionId = client.SessionId;
        Assert.Equal(x, await ensemble.MemberHoldingSessionAsync(sessionId));

        await Zk.EnsureAsync(client, "/sess");
        await Zk.EnsureAsync(client, "/sess/watched", "v0");
        await client.CreateAsync("/sess/eph", Zk.Bytes("mine"), Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var fired = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A watcher also sees connection-state events (type None); wait for the node event.
        await client.GetDataAsync("/sess/watched", Watcher.Create(e =>
        {
            if (e.Type != EventType.None)
            {
                fired.TrySetResult(e);
            }
        }));

        var watch = Stopwatch.StartNew();
        await ensemble.KillAsync(x);
        int? now = null;
        await Zk.WaitUntilAsync(async () => client.State == ConnectionState.Connected
                                            && (now = await ensemble.MemberHoldingSessionAsync(sessionId)) is { } m && m != x,
            TimeSpan.FromSeconds(30), "the session reconnected to another member");
        ensemble.Report($"session moved from killed member {x} to member {now} after ms: {watch.ElapsedMilliseconds}");
        ensemble.Log($"client states: {states}");
        Assert.Equal(sessionId, client.SessionId);
        Assert.DoesNotContain(ConnectionState.Expired, states.States);

        await using var other = await Zk.ConnectAsync(ensemble.HostsOf([.. order.Skip(1)]));
        var stat = await other.ExistsAsync("/sess/eph");
        Assert.NotNull(stat);
        Assert.Equal(sessionId, stat.Value.EphemeralOwner);

        await other.SetDataAsync("/sess/watched", Zk.Bytes("v1"));
        var e = await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(EventType.NodeDataChanged, e.Type);
        Assert.Equal("/sess/watched", e.Path);
        ensemble.Log("the watch set before the kill fired after the move");
    });

    [EnsembleFact]
    public Task A_frozen_follower_loses_its_sessions_then_rejoins_and_catches_up() => RunAsync(3, 0, TimeSpan.FromSeconds(180), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var f = ensemble.Members.Select(m => m.Id).First(i => i != leader);
        var others = ensemble.Members.Select(m => m.Id).Where(i => i != f).ToArray();
        var timeout = TimeSpan.FromMilliseconds(4 * Infrastructure.Ensemble.TickTime);

        // A: may go elsewhere (host list, F first). B: knows only F.
        await using var a = await Zk.ConnectAsync(ensemble.HostsOf([f, .. others]), timeout, shuffle: false);
        await using var b = await Zk.ConnectAsync(ensemble[f].Address, timeout);
        var aStates = new Zk.StateLog(a);
        var bStates = new Zk.StateLog(b);
        Assert.Equal(f, await ensemble.MemberHoldingSessionAsync(a.SessionId));
        await using var w = await Zk.ConnectAsync(ensemble.HostsOf(others));
        await Zk.EnsureAsync(w, "/frz");
        await a.CreateAsync("/frz/a", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        await b.CreateAsync("/frz/b", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var aSession = a.SessionId;

        var watch = Stopwatch.StartNew();
        await ensemble.FreezeAsync(f);
        int? moved = null;
        await Zk.WaitUntilAsync(async () => a.State == ConnectionState.Connected
                                            && (moved = await ensemble.MemberHoldingSessionAsync(aSession)) is { } m && m != f,
            TimeSpan.FromSeconds(30), "session A moved off the frozen member");
        ensemble.Report($"frozen follower: session A (timeout {a.SessionTimeout.TotalMilliseconds} ms) moved to member {moved} after ms: {watch.ElapsedMilliseconds}");
        Assert.Equal(aSession, a.SessionId);

        var expired = await Zk.WaitUntilAsync(async () => await w.ExistsAsync("/frz/b") is null, TimeSpan.FromSeconds(30), "session B's ephemeral removed");
        ensemble.Report($"frozen follower: session B (timeout {b.SessionTimeout.TotalMilliseconds} ms, only that server) expired, ephemeral gone after ms: {watch.ElapsedMilliseconds}");
        Assert.NotNull(await w.ExistsAsync("/frz/a"));

        await w.CreateAsync("/frz/during", Zk.Bytes("written while F was frozen"), Acl.OpenAclUnsafe);

        // Stay frozen beyond syncLimit x tickTime, so that the leader drops F.
        var dropAfter = TimeSpan.FromMilliseconds((5 * Infrastructure.Ensemble.TickTime) + 2000);
        if (watch.Elapsed < dropAfter)
        {
            await Task.Delay(dropAfter - watch.Elapsed);
        }

        await ensemble.ThawAsync(f);
        watch.Restart();
        var data = await Zk.OnMemberAsync(ensemble, f, async c => (await c.GetDataAsync("/frz/during")).Data);
        Assert.Equal("written while F was frozen", Zk.Text(data));
        var mode = await ensemble.WaitServingAsync(f, TimeSpan.FromSeconds(60));
        ensemble.Report($"frozen follower: thawed member {f} serving ({mode}) with the data written meanwhile after ms: {watch.ElapsedMilliseconds}");

        await Zk.WaitUntilAsync(() => Task.FromResult(b.State == ConnectionState.Expired), TimeSpan.FromSeconds(30), "client B learns its session expired");
        ensemble.Log($"client A states: {aStates}");
        ensemble.Log($"client B states: {bStates}");
        Assert.DoesNotContain(ConnectionState.Expired, aStates.States);
        Assert.Null(await Zk.OnMemberAsync(ensemble, f, c => c.ExistsAsync("/frz/b")));
        Assert.NotNull(await Zk.OnMemberAsync(ensemble, f, c => c.ExistsAsync("/frz/a")));
    });
}
