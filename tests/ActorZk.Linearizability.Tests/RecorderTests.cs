using ActorZk.Linearizability.Models;
using ActorZk.Linearizability.Znodes;
using ActorZk.Protocol;

namespace ActorZk.Linearizability.Tests;

public sealed class RecorderTests
{
    [Fact]
    public async Task Concurrent_clients_record_a_well_formed_history()
    {
        var recorder = new HistoryRecorder<RegisterInput, RegisterOutput>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var id = recorder.Invoke(c, RegisterInput.Read());
                if (i % 10 == 0)
                {
                    recorder.Fail(id);
                }
                else
                {
                    recorder.Complete(id, new RegisterOutput(0));
                }
            }
        })));

        var ops = recorder.ToHistory().Operations;
        Assert.Equal(4_000, ops.Count);
        Assert.Equal(Enumerable.Range(0, 4_000), ops.Select(o => o.Id));
        Assert.Equal(400, ops.Count(o => o.IsIndeterminate));
        Assert.All(ops.Where(o => !o.IsIndeterminate), o => Assert.True(o.Return >= o.Call));

        // Ids are handed out in invocation order, and so are the monotonic call times.
        Assert.True(ops.Zip(ops.Skip(1)).All(p => p.First.Call <= p.Second.Call));

        // Each client's operations are sequential: one returns before the next is invoked.
        foreach (var client in ops.GroupBy(o => o.ClientId))
        {
            var definite = client.Where(o => !o.IsIndeterminate).ToList();
            Assert.True(definite.Zip(definite.Skip(1)).All(p => p.First.Return <= p.Second.Call));
        }

        Assert.Equal(CheckOutcome.Linearizable, LinearizabilityChecker.Check(RegisterModel.Instance, ops).Outcome);
    }

    [Fact]
    public void An_operation_ends_once()
    {
        var recorder = new HistoryRecorder<RegisterInput, RegisterOutput>();
        var id = recorder.Invoke(1, RegisterInput.Write(1));
        recorder.Complete(id, RegisterOutput.Written);
        Assert.Throws<InvalidOperationException>(() => recorder.Fail(id));
        Assert.Throws<InvalidOperationException>(() => recorder.Complete(id, RegisterOutput.Written));
    }

    [Fact]
    public void Operations_still_pending_are_indeterminate()
    {
        var recorder = new HistoryRecorder<RegisterInput, RegisterOutput>();
        recorder.Invoke(1, RegisterInput.Write(1));
        Assert.True(Assert.Single(recorder.ToHistory().Operations).IsIndeterminate);
    }

    [Fact]
    public void A_history_round_trips_through_json_with_its_verdict()
    {
        var history = Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok(5))
            .Add(1, ZkInput.SetData("/a", "p", 0), 20, 50, new ZkOutput(ErrorCode.Ok, null, 1, 6, 6, 5))
            .Add(2, ZkInput.SetData("/a", "q", 0), 20, 50, ZkOutput.Set(1, 7))
            .Indeterminate(3, ZkInput.Delete("/a"), 60)
            .Add(3, ZkInput.PlainRead("/a"), 70, 80, ZkOutput.Value("q", 1, 8, 7))
            .Build() with { Description = "two CAS on version 0 both succeed" };

        var file = Path.Combine(Path.GetTempPath(), $"lincheck-{Guid.NewGuid():N}.json");
        try
        {
            history.Save(file);
            var loaded = History<ZkInput, ZkOutput>.Load(file);
            Assert.Equal(history.Description, loaded.Description);
            Assert.Equal(history.Operations, loaded.Operations);
            Assert.Contains("\"Kind\": \"SetData\"", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.Equal(CheckOutcome.NotLinearizable, ZooKeeperChecks.CheckLinearizability(loaded).Outcome);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
