using System.Text.RegularExpressions;
using ActorZk.Client;
using ActorZk.Ensemble.Tests.Infrastructure;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>
/// The three ways a learner catches up with its leader, each forced and then recognised in the learner's log:
/// DIFF (the missing txns), SNAP (the whole tree, when it is further behind than the leader's committed log) and TRUNC
/// (dropping txns of an abandoned epoch that only it logged). Every test ends by reading every acknowledged write on
/// the learner, and (TRUNC) none that was never acknowledged.
/// </summary>
public sealed partial class LearnerSyncTests(ITestOutputHelper output) : ScenarioBase(output)
{
    // Apache ZooKeeper's Learner and ActorZk's learner each log one of these per sync.
    private static readonly Regex Diff = DiffPattern();
    private static readonly Regex Snap = SnapPattern();
    private static readonly Regex Trunc = TruncPattern();

    [EnsembleFact]
    public Task A_follower_that_missed_a_few_writes_gets_a_diff() => RunAsync(3, 0, TimeSpan.FromSeconds(150), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var follower = ensemble.Members.First(m => m.Id != leader).Id;
        var written = await WriteAsync(ensemble, ensemble.HostList, "/diff", 5);
        await ensemble.KillAsync(follower);
        written.AddRange(await WriteAsync(ensemble, ensemble.HostsOf(ensemble.Members.Where(m => m.Id != follower).Select(m => m.Id).ToArray()), "/diff", 20, first: 5));

        var before = ensemble.LogText(follower).Length;
        await ensemble.StartMemberAsync(follower);
        await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var log = ensemble.LogText(follower)[before..];
        ensemble.Log($"member {follower} after restart: diff={Diff.IsMatch(log)} snap={Snap.IsMatch(log)} trunc={Trunc.IsMatch(log)}");
        Assert.Matches(Diff, log);
        Assert.DoesNotMatch(Snap, log);
        await AssertHasAllAsync(ensemble, follower, "/diff", written);
    });

    [EnsembleFact]
    public Task A_follower_further_behind_than_the_committed_log_gets_a_snapshot() => RunAsync(
        3,
        0,
        TimeSpan.FromSeconds(150),
        async ensemble =>
        {
            var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            var follower = ensemble.Members.First(m => m.Id != leader).Id;
            var written = await WriteAsync(ensemble, ensemble.HostList, "/snap", 5);
            await ensemble.KillAsync(follower);
            // More than the leader's committed log holds (500, ZooKeeper's minimum), with the txn-log catch-up off.
            written.AddRange(await WriteAsync(ensemble, ensemble.HostsOf(ensemble.Members.Where(m => m.Id != follower).Select(m => m.Id).ToArray()), "/snap", 600, first: 5));

            var before = ensemble.LogText(follower).Length;
            await ensemble.StartMemberAsync(follower);
            await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            var log = ensemble.LogText(follower)[before..];
            ensemble.Log($"member {follower} after restart: diff={Diff.IsMatch(log)} snap={Snap.IsMatch(log)} trunc={Trunc.IsMatch(log)}");
            Assert.Matches(Snap, log);
            await AssertHasAllAsync(ensemble, follower, "/snap", written);

            // The snapshot it installed is its history now: a restart recovers from it and keeps every write.
            await ensemble.KillAsync(follower);
            await ensemble.StartMemberAsync(follower);
            await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            await AssertHasAllAsync(ensemble, follower, "/snap", written);
        },
        extra: ["commitLogCount=500", "snapshotSizeFactor=-1"]);

    [EnsembleFact]
    public Task A_leader_with_a_txn_nobody_else_logged_truncates_it_when_it_comes_back() => RunAsync(3, 0, TimeSpan.FromSeconds(180), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var followers = ensemble.Members.Where(m => m.Id != leader).Select(m => m.Id).ToArray();
        var kept = await WriteAsync(ensemble, ensemble.HostList, "/trunc", 5);

        // With both followers frozen the leader logs the write but can never commit it, so no client sees it succeed.
        await using (var client = await Zk.ConnectAsync(ensemble[leader].Address, requestTimeout: TimeSpan.FromSeconds(2)))
        {
            foreach (var id in followers)
            {
                await ensemble.FreezeAsync(id);
            }

            var lost = await Record.ExceptionAsync(() => client.CreateAsync("/trunc/never-acknowledged", Zk.Bytes("x"), Acl.OpenAclUnsafe));
            ensemble.Log($"write to the isolated leader: {lost?.GetType().Name ?? "acknowledged"}");
            Assert.NotNull(lost);
        }

        // The proposal sits in the frozen followers' socket buffers: were they thawed, they would log it and the next
        // leader would commit it (legitimately). Killing them drops it, so only the old leader has it.
        await ensemble.KillAsync(leader);
        foreach (var id in followers)
        {
            await ensemble.KillAsync(id);
        }

        await ensemble.StartMemberAsync(followers[0], waitServing: false);
        await ensemble.StartMemberAsync(followers[1]);
        var newLeader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60), followers);
        ensemble.Log($"new leader {newLeader}");
        kept.AddRange(await WriteAsync(ensemble, ensemble.HostsOf(followers), "/trunc", 5, first: 5));

        var before = ensemble.LogText(leader).Length;
        await ensemble.StartMemberAsync(leader);
        await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var log = ensemble.LogText(leader)[before..];
        ensemble.Log($"old leader {leader} after restart: diff={Diff.IsMatch(log)} snap={Snap.IsMatch(log)} trunc={Trunc.IsMatch(log)}");
        if (EnsembleTarget.Impl == "apache")
        {
            // ZooKeeper 3.8 cannot cut its file txn log across an epoch boundary, so it sends this learner a snapshot.
            Assert.True(Trunc.IsMatch(log) || Snap.IsMatch(log), "the old leader neither truncated nor took a snapshot");
        }
        else
        {
            // ActorZk's truncation markers cut anywhere: the cheapest correct sync is TRUNC, then the new txns.
            Assert.Matches(Trunc, log);
        }

        foreach (var member in ensemble.Members)
        {
            await AssertHasAllAsync(ensemble, member.Id, "/trunc", kept);
        }
    });

    private static async Task<List<string>> WriteAsync(Infrastructure.Ensemble ensemble, string hosts, string parent, int count, int first = 0)
    {
        await using var client = await Zk.ConnectAsync(hosts);
        await Zk.EnsureAsync(client, parent);
        var written = Enumerable.Range(first, count).Select(i => $"{parent}/n{i:D4}").ToList();

        // Pipelined in batches: the client keeps their order, the test keeps its time.
        foreach (var batch in written.Chunk(50))
        {
            await Task.WhenAll(batch.Select(path => client.CreateAsync(path, Zk.Bytes(path), Acl.OpenAclUnsafe)));
        }

        ensemble.Log($"{count} writes acknowledged under {parent}");
        return written;
    }

    /// <summary>The member has exactly the acknowledged children of <paramref name="parent"/>, with their data.</summary>
    private static async Task AssertHasAllAsync(Infrastructure.Ensemble ensemble, int member, string parent, IReadOnlyList<string> written)
    {
        var children = await Zk.OnMemberAsync(ensemble, member, c => c.GetChildrenAsync(parent));
        Assert.Equal(written.Select(p => p[(parent.Length + 1)..]).Order(StringComparer.Ordinal), children.Order(StringComparer.Ordinal));
        var (data, _) = await Zk.OnMemberAsync(ensemble, member, c => c.GetDataAsync(written[^1]));
        Assert.Equal(written[^1], Zk.Text(data));
        ensemble.Log($"member {member} has the {written.Count} acknowledged znodes of {parent} and nothing else");
    }

    [GeneratedRegex("Getting a diff from the leader")]
    private static partial Regex DiffPattern();

    [GeneratedRegex("Getting a snapshot from (the )?leader")]
    private static partial Regex SnapPattern();

    [GeneratedRegex("Truncating (the )?log")]
    private static partial Regex TruncPattern();
}
