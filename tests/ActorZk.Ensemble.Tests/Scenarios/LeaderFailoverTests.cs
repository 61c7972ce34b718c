using System.Diagnostics;
using ActorZk.Client;
using ActorZk.Ensemble.Tests.Infrastructure;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>The leader dies while clients write: a new one is elected and nothing acknowledged is lost.</summary>
public sealed class LeaderFailoverTests(ITestOutputHelper output) : ScenarioBase(output)
{
    private const int Writers = 4;

    [EnsembleFact]
    public Task Killing_the_leader_under_write_load_loses_no_acknowledged_write() => RunAsync(3, 0, TimeSpan.FromSeconds(180), async ensemble =>
    {
        var oldLeader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        var clients = new List<ZooKeeperClient>();
        try
        {
            for (var w = 0; w < Writers; w++)
            {
                clients.Add(await Zk.ConnectAsync(ensemble.HostList));
            }

            await Zk.EnsureAsync(clients[0], "/load");
            var writers = clients.Select((c, w) => new LoadWriter(w + 1, c, clock)).ToList();
            foreach (var writer in writers)
            {
                await writer.SetUpAsync();
            }

            using var stop = new CancellationTokenSource();
            var running = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToList();
            try
            {
                await Zk.WaitUntilAsync(() => Task.FromResult(writers.All(w => w.Acks.Count >= 20)), TimeSpan.FromSeconds(30), "every writer acknowledged");
                await Task.Delay(1000);
                ensemble.Log($"before the kill: {writers.Sum(w => w.Acks.Count)} acknowledged writes; killing leader {oldLeader}");

                var killed = clock.Elapsed;
                await ensemble.KillAsync(oldLeader);
                var newLeaderTask = ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60), ensemble.Members.Select(m => m.Id).Where(i => i != oldLeader));
                await Zk.WaitUntilAsync(() => Task.FromResult(writers.All(w => w.AcksAfter(killed) >= 20)), TimeSpan.FromSeconds(60), "every writer acknowledged after the kill");
                var newLeader = await newLeaderTask;
                Assert.NotEqual(oldLeader, newLeader);
                await stop.CancelAsync();
                await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(60));

                var all = writers.SelectMany(w => w.Acks).ToList();
                var outage = LoadWriter.Outage(all, killed);
                ensemble.Log($"new leader {newLeader}; writes acknowledged {all.Count}, failed attempts {writers.Sum(w => w.Failures)} "
                             + $"({string.Join(", ", writers.SelectMany(w => w.FailureKinds).GroupBy(p => p.Key).Select(g => $"{g.Key} {g.Sum(p => p.Value)}"))})");
                foreach (var writer in writers)
                {
                    var gap = LoadWriter.Outage(writer.Acks, killed).Gap;
                    ensemble.Log($"writer {writer.Id}: {writer.Acks.Count} acks, longest pause across the kill {gap.TotalMilliseconds:F0} ms");
                }

                ensemble.Log($"SIGKILL at {killed.TotalMilliseconds:F0} ms; last ack before the outage {outage.From.TotalMilliseconds:F0} ms, first after {outage.To.TotalMilliseconds:F0} ms");
                ensemble.Report($"failover ms (4 writers): {outage.Gap.TotalMilliseconds:F0}");
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            // Restart the old leader; it must catch up. Then check every acknowledged write, on every member.
            await ensemble.StartMemberAsync(oldLeader);
            foreach (var member in ensemble.Members)
            {
                await Zk.OnMemberAsync(ensemble, member.Id, async reader =>
                {
                    var children = (await reader.GetChildrenAsync("/load")).ToHashSet();
                    foreach (var writer in writers)
                    {
                        await writer.VerifyAsync(reader, children);
                    }

                    return true;
                });
            }

            // Sequence numbers are unique across the failover: no two acknowledged creates got the same name.
            var paths = writers.SelectMany(w => w.Created.Select(c => c.Path)).ToList();
            Assert.Equal(paths.Count, paths.Distinct().Count());
            var sequence = paths.Select(p => long.Parse(p[^10..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sequence.Count, sequence.Distinct().Count());
            ensemble.Log($"verified {paths.Count} acknowledged sequential znodes and {Writers} versioned nodes on all {ensemble.Members.Count} members");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    });

    [EnsembleFact]
    public Task Failover_time_over_repeated_leader_kills() => RunAsync(3, 0, TimeSpan.FromSeconds(240), async ensemble =>
    {
        const int rounds = 3;
        var clock = Stopwatch.StartNew();
        var results = new List<double>();
        await using var client = await Zk.ConnectAsync(ensemble.HostList);
        await Zk.EnsureAsync(client, "/failover");
        for (var round = 1; round <= rounds; round++)
        {
            var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            var acks = new List<TimeSpan>();
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                for (var n = 0; n < 1_000_000 && !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        await client.CreateAsync("/failover/n-", null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential);
                        lock (acks)
                        {
                            acks.Add(clock.Elapsed);
                        }
                    }
                    catch (Exception e) when (Zk.IsTransient(e))
                    {
                        await Task.Delay(10);
                    }
                }
            });
            try
            {
                await Zk.WaitUntilAsync(() => Task.FromResult(acks.Count >= 50), TimeSpan.FromSeconds(30), "writes before the kill");
                var killed = clock.Elapsed;
                await ensemble.KillAsync(leader);
                await Zk.WaitUntilAsync(() => Task.FromResult(acks.Count(a => a > killed) >= 10), TimeSpan.FromSeconds(60), "writes after the kill");
                await stop.CancelAsync();
                await writer.WaitAsync(TimeSpan.FromSeconds(60));
                (TimeSpan Gap, TimeSpan From, TimeSpan To) outage;
                lock (acks)
                {
                    outage = LoadWriter.Outage(acks, killed);
                }

                var ms = outage.Gap.TotalMilliseconds;
                results.Add(ms);
                ensemble.Report($"failover ms: {ms:F0}");
            }
            finally
            {
                await stop.CancelAsync();
                await writer.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await ensemble.StartMemberAsync(leader);
            await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        }

        var sorted = results.Order().ToList();
        ensemble.Report($"failover ms median of {rounds}: {sorted[rounds / 2]:F0} (min {sorted[0]:F0}, max {sorted[^1]:F0}; tickTime {Infrastructure.Ensemble.TickTime}, client reconnect delay up to {Zk.ReconnectDelay.TotalMilliseconds} ms)");
    });
}
