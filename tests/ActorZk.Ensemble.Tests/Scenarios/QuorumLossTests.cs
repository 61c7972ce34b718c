using System.Diagnostics;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Ensemble.Tests.Infrastructure;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>5 voters: two may die; a third takes the majority away; restarting brings everything back.</summary>
public sealed class QuorumLossTests(ITestOutputHelper output) : ScenarioBase(output)
{
    [EnsembleFact]
    public Task Five_voters_survive_two_deaths_stop_at_three_and_recover() => RunAsync(5, 0, TimeSpan.FromSeconds(240), async ensemble =>
    {
        var acked = new List<string>();
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        await using (var client = await Zk.ConnectAsync(ensemble.HostList))
        {
            await Zk.EnsureAsync(client, "/maj");
            for (var i = 0; i < 10; i++)
            {
                acked.Add(await CreateAckedAsync(client, $"/maj/all-up-{i}"));
            }
        }

        // Kill the leader and one follower: 3 of 5 remain, a majority.
        var follower = ensemble.Members.Select(m => m.Id).First(i => i != leader);
        var watch = Stopwatch.StartNew();
        await ensemble.KillAsync(leader);
        await ensemble.KillAsync(follower);
        var alive = ensemble.Members.Select(m => m.Id).Where(i => i != leader && i != follower).ToList();
        var secondLeader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60), alive);
        ensemble.Report($"5 voters, 2 killed: new leader {secondLeader} after ms: {watch.ElapsedMilliseconds}");
        await using (var client = await Zk.ConnectAsync(ensemble.HostsOf([.. alive])))
        {
            for (var i = 0; i < 10; i++)
            {
                acked.Add(await CreateAckedAsync(client, $"/maj/two-down-{i}"));
            }
        }

        ensemble.Log($"3 of 5 serve writes: {acked.Count} acknowledged so far");

        // Kill a third (the new leader): 2 of 5 remain, no majority. They stop serving, writes get no acknowledgement.
        await using var prober = await Zk.ConnectAsync(ensemble.HostsOf([.. alive]), requestTimeout: TimeSpan.FromSeconds(3));
        await ensemble.KillAsync(secondLeader);
        var remaining = alive.Where(i => i != secondLeader).ToList();
        foreach (var id in remaining)
        {
            var mode = await ensemble.WaitModeAsync(id, m => !Infrastructure.Ensemble.IsServing(m), TimeSpan.FromSeconds(30), "out of service");
            ensemble.Log($"member {id} without a quorum: {mode}");
        }

        var attempts = 0;
        var failures = new Dictionary<string, int>();
        var probing = Stopwatch.StartNew();
        while (probing.Elapsed < TimeSpan.FromSeconds(8) && attempts < 100)
        {
            attempts++;
            var path = $"/maj/no-quorum-{attempts}";
            try
            {
                await prober.CreateAsync(path, null, Acl.OpenAclUnsafe).WaitAsync(TimeSpan.FromSeconds(3));
                acked.Add(path);
            }
            catch (Exception e) when (Zk.IsTransient(e) || e is SessionExpiredException)
            {
                failures[e.GetType().Name] = failures.GetValueOrDefault(e.GetType().Name) + 1;
                await Task.Delay(200);
            }
        }

        ensemble.Log($"without a majority: {attempts} write attempts, outcomes: {string.Join(", ", failures.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.DoesNotContain(acked, p => p.StartsWith("/maj/no-quorum-", StringComparison.Ordinal));

        // Restart the three: service resumes with every acknowledged write.
        watch.Restart();
        foreach (var id in new[] { leader, follower, secondLeader })
        {
            await ensemble.StartMemberAsync(id, waitServing: false);
        }

        var finalLeader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(90));
        ensemble.Report($"5 voters, 3 restarted: all serving again, leader {finalLeader}, after ms: {watch.ElapsedMilliseconds}");
        await using (var client = await Zk.ConnectAsync(ensemble.HostList))
        {
            acked.Add(await CreateAckedAsync(client, "/maj/after-restart"));
        }

        foreach (var member in ensemble.Members)
        {
            var children = await Zk.OnMemberAsync(ensemble, member.Id, c => c.GetChildrenAsync("/maj"));
            foreach (var path in acked)
            {
                Assert.Contains(path["/maj/".Length..], children);
            }
        }

        ensemble.Log($"all {acked.Count} acknowledged znodes present on all 5 members");
    });

    /// <summary>Creates a node, retrying connection losses; a retry finding the node means the first try was applied.</summary>
    internal static async Task<string> CreateAckedAsync(ZooKeeperClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        var retried = false;
        while (true)
        {
            try
            {
                return await client.CreateAsync(path, Zk.Bytes(path), Acl.OpenAclUnsafe);
            }
            catch (NodeExistsException) when (retried)
            {
                return path;
            }
            catch (Exception e) when (Zk.IsTransient(e) && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                retried = true;
                await Task.Delay(100);
            }
        }
    }
}
