using ActorZk.Linearizability.Tests.Infrastructure;
using ActorZk.Linearizability.Znodes;
using Xunit.Abstractions;

namespace ActorZk.Linearizability.Tests;

/// <summary>The proof against a real server: concurrent clients on Apache ZooKeeper (or <c>ZK_TEST_HOSTS</c>)
/// produce histories both checkers accept.</summary>
public sealed class ZooKeeperWorkloadTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [ZooKeeperFact]
    public async Task Six_clients_on_three_paths_are_linearizable_and_keep_session_order()
    {
        var workload = new ZooKeeperWorkload(new ZooKeeperWorkloadOptions
        {
            ConnectionStrings = [server.Hosts],
            Paths = 3,
            Clients = 6,
            OperationsPerClient = 300,
            Duration = TimeSpan.FromSeconds(20),
            Seed = 1,
        });
        var history = await workload.RunAsync();

        var linearizability = ZooKeeperChecks.CheckLinearizability(history);
        var sessions = ZooKeeperChecks.CheckSessions(history);
        var ops = history.Operations;
        output.WriteLine($"{ops.Count} ops, {ops.Count(o => o.IsIndeterminate)} indeterminate, {ops.Count(o => o.Output is { Error: Protocol.ErrorCode.Ok })} Ok");
        output.WriteLine(linearizability.Explain());
        output.WriteLine(sessions.Explain());
        if (linearizability.Outcome != CheckOutcome.Linearizable || !sessions.IsValid)
        {
            var file = Path.Combine(Path.GetTempPath(), $"lincheck-failed-{Guid.NewGuid():N}.json");
            history.Save(file);
            output.WriteLine($"history saved to {file}");
        }

        // The workload must have exercised the interesting cases, or a pass proves little.
        Assert.True(ops.Count >= 600, $"only {ops.Count} operations ran");
        Assert.Contains(ops, o => o.Input.Kind == ZkOpKind.SetData && o.Input.Version >= 0 && o.Output is { Error: Protocol.ErrorCode.Ok });
        Assert.Contains(ops, o => o.Output is { Error: Protocol.ErrorCode.BadVersion });
        Assert.Contains(ops, o => o.Input.Kind == ZkOpKind.Read && o.Output is { Error: Protocol.ErrorCode.Ok });
        Assert.Contains(ops, o => o.Input.Kind == ZkOpKind.PlainRead && o.Output is { Error: Protocol.ErrorCode.Ok, Mzxid: > 0 });
        Assert.All(ops.Where(o => o.Output is not null), o => Assert.NotEqual(0, o.Output!.Zxid));
        Assert.Equal(CheckOutcome.Linearizable, linearizability.Outcome);
        Assert.True(sessions.IsValid, sessions.Explain());

        // And the checker is not just agreeing: one real sync+read turned into data nobody wrote is refuted.
        var read = ops.First(o => o.Input.Kind == ZkOpKind.Read && o.Output is { Error: Protocol.ErrorCode.Ok });
        var mutated = history with { Operations = [.. ops.Select(o => o.Id == read.Id ? o with { Output = o.Output! with { Data = "never-written" } } : o)] };
        Assert.Equal(CheckOutcome.NotLinearizable, ZooKeeperChecks.CheckLinearizability(mutated).Outcome);
    }
}
