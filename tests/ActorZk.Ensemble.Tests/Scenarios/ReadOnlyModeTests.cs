using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Ensemble.Tests.Infrastructure;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>
/// readonlymode.enabled=true: a member cut off from the quorum keeps serving clients that accept a read-only
/// session, answers their writes with NOTREADONLY and says so in isro/srvr; once the quorum is back it serves
/// read-write again.
/// </summary>
public sealed class ReadOnlyModeTests(ITestOutputHelper output) : ScenarioBase(output)
{
    [EnsembleFact]
    public Task A_member_without_quorum_serves_read_only_clients() => RunAsync(
        3,
        0,
        TimeSpan.FromSeconds(180),
        async ensemble =>
        {
            var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            await using (var writer = await Zk.ConnectAsync(ensemble.HostList))
            {
                await writer.CreateAsync("/ro", Zk.Bytes("written with a quorum"), Acl.OpenAclUnsafe);
            }

            var survivor = ensemble.Members.First(m => m.Id != leader).Id;
            foreach (var member in ensemble.Members.Where(m => m.Id != survivor))
            {
                await ensemble.KillAsync(member.Id);
            }

            // ZooKeeper starts its read-only server after max(2 s, tickTime) of LOOKING.
            var took = await Zk.WaitUntilAsync(
                async () => (await ensemble.FourLetterWordAsync(survivor, "isro")).Trim() == "ro", TimeSpan.FromSeconds(60), "isro says ro");
            ensemble.Log($"member {survivor} read-only after {took.TotalMilliseconds:F0} ms; srvr:\n{await ensemble.FourLetterWordAsync(survivor, "srvr")}");
            Assert.Contains("Mode: read-only", await ensemble.FourLetterWordAsync(survivor, "srvr"), StringComparison.Ordinal);

            await using (var reader = await ZooKeeperClient.ConnectAsync(
                ensemble[survivor].Address,
                new ZooKeeperClientOptions { CanBeReadOnly = true, SessionTimeout = TimeSpan.FromSeconds(10), ConnectTimeout = TimeSpan.FromSeconds(30) }))
            {
                var (data, _) = await reader.GetDataAsync("/ro");
                Assert.Equal("written with a quorum", Zk.Text(data));
                await Assert.ThrowsAsync<NotReadOnlyException>(() => reader.CreateAsync("/ro/refused", null, Acl.OpenAclUnsafe));
                await Assert.ThrowsAsync<NotReadOnlyException>(() => reader.SetDataAsync("/ro", Zk.Bytes("x"), -1));
                ensemble.Log("a read-only session reads, and its writes get NOTREADONLY");
            }

            // A client that insists on read-write is not served.
            var refused = await Record.ExceptionAsync(() => ZooKeeperClient.ConnectAsync(
                ensemble[survivor].Address,
                new ZooKeeperClientOptions { SessionTimeout = TimeSpan.FromSeconds(4), ConnectTimeout = TimeSpan.FromSeconds(4) }));
            Assert.NotNull(refused);

            foreach (var member in ensemble.Members.Where(m => m.Id != survivor))
            {
                await ensemble.StartMemberAsync(member.Id, waitServing: false);
            }

            await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("rw", (await ensemble.FourLetterWordAsync(survivor, "isro")).Trim());
            await using var again = await Zk.ConnectAsync(ensemble[survivor].Address);
            await again.SetDataAsync("/ro", Zk.Bytes("written with the quorum back"), -1);
            ensemble.Log($"member {survivor} serves read-write again");
        },
        // ZooKeeper 3.8 creates sessions on a read-only server only as local sessions; without localSessionsEnabled it
        // answers a new session's handshake with NOTREADONLY. ActorZk always makes them local (the key is accepted).
        extra: ["readonlymode.enabled=true", "localSessionsEnabled=true"]);
}
