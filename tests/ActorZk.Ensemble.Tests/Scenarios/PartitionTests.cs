using System.Diagnostics;
using ActorZk.Client;
using ActorZk.Ensemble.Tests.Infrastructure;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>A follower cut off by the network stops serving, and rejoins by itself when the network heals.</summary>
public sealed class PartitionTests(ITestOutputHelper output) : ScenarioBase(output)
{
    [EnsembleFact(Requires = "netns")]
    public Task A_partitioned_follower_stops_serving_and_rejoins_after_heal() => RunAsync(3, 0, TimeSpan.FromSeconds(240), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var f = ensemble.Members.Select(m => m.Id).First(i => i != leader);
        var others = ensemble.Members.Select(m => m.Id).Where(i => i != f).ToArray();
        await using var majority = await Zk.ConnectAsync(ensemble.HostsOf(others));
        await Zk.EnsureAsync(majority, "/part");
        Assert.NotNull(await Zk.OnMemberAsync(ensemble, f, c => c.ExistsAsync("/part")));

        var watch = Stopwatch.StartNew();
        await ensemble.PartitionAsync(f);
        var mode = await ensemble.WaitModeAsync(f, m => !Infrastructure.Ensemble.IsServing(m), TimeSpan.FromSeconds(60), "out of service");
        ensemble.Report($"partitioned follower {f} stopped serving ({mode}) after ms: {watch.ElapsedMilliseconds}");

        // Clients cannot reach it.
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var cut = await ZooKeeperClient.ConnectAsync(ensemble[f].Address, new ZooKeeperClientOptions
            {
                SessionTimeout = TimeSpan.FromSeconds(10), ConnectTimeout = TimeSpan.FromSeconds(5), ReconnectDelay = Zk.ReconnectDelay,
            });
        });
        ensemble.Log($"a client of member {f} alone: {refused.GetType().Name}");

        // The majority goes on.
        for (var i = 0; i < 10; i++)
        {
            await QuorumLossTests.CreateAckedAsync(majority, $"/part/during-{i}");
        }

        await ensemble.HealAsync(f);
        watch.Restart();
        mode = await ensemble.WaitModeAsync(f, m => m == "follower", TimeSpan.FromSeconds(90), "following again");
        ensemble.Report($"healed follower {f} serving again ({mode}) after ms: {watch.ElapsedMilliseconds}");
        var children = await Zk.OnMemberAsync(ensemble, f, c => c.GetChildrenAsync("/part"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"during-{i}").Order(), children.Order());
        ensemble.Log($"member {f} has the 10 writes made during the partition (caught up after ms: {watch.ElapsedMilliseconds})");
    }, netns: true);
}
