using System.Diagnostics;
using ActorZk.Ensemble.Tests.Infrastructure;
using ActorZk.TestSupport;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>3 voters + 1 observer: every member serves, writes made anywhere are read everywhere.</summary>
public sealed class ObserverEnsembleTests(ITestOutputHelper output) : ScenarioBase(output)
{
    [EnsembleFact]
    public Task Three_voters_and_an_observer_all_serve_and_agree() => RunAsync(3, 1, TimeSpan.FromSeconds(120), async ensemble =>
    {
        // srvr: one leader, two followers, one observer (member 4).
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var modes = await ensemble.ModesAsync();
        ensemble.Log($"modes: {Infrastructure.Ensemble.Format(modes)}");
        Assert.Equal(1, modes.Values.Count(m => m == "leader"));
        Assert.Equal(2, modes.Values.Count(m => m == "follower"));
        Assert.Equal("observer", modes[4]);
        Assert.NotEqual(4, leader);

        // /zookeeper/config holds the membership on every member (zkCli's `config`), as ZooKeeper puts it there at
        // start: the server lines, then the configuration's version; dataVersion -1, mzxid the version (0).
        var membership = string.Join('\n', ensemble.ServerLines(1)) + "\nversion=0";
        foreach (var member in ensemble.Members)
        {
            await using var client = await Zk.ConnectAsync(member.Address);
            var (config, configStat) = await client.GetDataAsync("/zookeeper/config");
            Assert.Equal(membership, Zk.Text(config));
            Assert.Equal(-1, configStat.Version);
            Assert.Equal(0, configStat.Mzxid);
        }

        // A write through every member, the observer included (it forwards writes to the leader).
        await using (var setup = await Zk.ConnectAsync(ensemble.HostList))
        {
            await Zk.EnsureAsync(setup, "/obs");
        }

        foreach (var member in ensemble.Members)
        {
            await using var client = await Zk.ConnectAsync(member.Address);
            var watch = Stopwatch.StartNew();
            await client.CreateAsync($"/obs/via-{member.Id}", Zk.Bytes($"written through member {member.Id}"), Acl.OpenAclUnsafe);
            var stat = await client.SetDataAsync($"/obs/via-{member.Id}", Zk.Bytes($"updated through member {member.Id}"), 0);
            Assert.Equal(1, stat.Version);
            ensemble.Report($"write+set through member {member.Id} ({modes[member.Id]}) ms: {watch.ElapsedMilliseconds}");
        }

        // Every member, after a sync, reads every write.
        foreach (var member in ensemble.Members)
        {
            var watch = Stopwatch.StartNew();
            var children = await Zk.OnMemberAsync(ensemble, member.Id, c => c.GetChildrenAsync("/obs"));
            Assert.Equal(ensemble.Members.Select(m => $"via-{m.Id}").Order(), children.Order());
            foreach (var writer in ensemble.Members)
            {
                var (data, stat) = await Zk.OnMemberAsync(ensemble, member.Id, c => c.GetDataAsync($"/obs/via-{writer.Id}"));
                Assert.Equal($"updated through member {writer.Id}", Zk.Text(data));
                Assert.Equal(1, stat.Version);
            }

            ensemble.Log($"member {member.Id} reads all {children.Count} writes ({watch.ElapsedMilliseconds} ms)");
        }

        // mntr's counters follow the traffic as ZooKeeper's do: the leader proposed and committed at least the 8
        // writes above (plus the sessions' txns), synced its 3 learners (DIFF, or SNAP for one that registers after the
        // epoch started, as ZooKeeper's observer often does), and shows its proposal sizes; the
        // followers received proposals and commits, the observer committed txns (INFORM).
        var leaderMntr = await Loopback.MonitorValuesAsync(ensemble[leader].ClientPort);
        Assert.True(leaderMntr["zk_proposal_count"] >= 8);
        Assert.True(leaderMntr["zk_commit_count"] >= 8);
        Assert.True(leaderMntr["zk_diff_count"] + leaderMntr["zk_snap_count"] >= 3);
        Assert.True(leaderMntr["zk_last_proposal_size"] > 0);
        Assert.True(leaderMntr["zk_min_proposal_size"] > 0);
        Assert.Matches(@"Proposal sizes last/min/max: [1-9]\d*/[1-9]\d*/[1-9]\d*", await ensemble.FourLetterWordAsync(leader, "srvr"));
        foreach (var member in ensemble.Members.Where(m => m.Id != leader))
        {
            var mntr = await Loopback.MonitorValuesAsync(member.ClientPort);
            Assert.True(mntr["zk_looking_count"] >= 1);
            Assert.True(mntr["zk_learner_commit_received_count"] >= 8);
            if (!member.IsObserver)
            {
                Assert.True(mntr["zk_learner_proposal_received_count"] >= 8);
            }
        }

        // Without a sync, a write on the leader's side shows up on the observer quickly (bounded wait, printed).
        await using var observer = await Zk.ConnectAsync(ensemble[4].Address);
        await using var writerClient = await Zk.ConnectAsync(ensemble[leader].Address);
        var propagation = Stopwatch.StartNew();
        await writerClient.CreateAsync("/obs/late", Zk.Bytes("x"), Acl.OpenAclUnsafe, CreateMode.Persistent);
        var took = await Zk.WaitUntilAsync(async () => await observer.ExistsAsync("/obs/late") is not null, TimeSpan.FromSeconds(10), "observer sees /obs/late");
        ensemble.Report($"leader write visible on observer without sync ms: {took.TotalMilliseconds:F0}");
    });
}
