using ActorZk.Linearizability.Znodes;
using ActorZk.Protocol;

namespace ActorZk.Linearizability.Tests;

public sealed class ZnodeCheckerTests
{
    private static LinearizabilityResult Check(HistoryBuilder<ZkInput, ZkOutput> h) => ZooKeeperChecks.CheckLinearizability(h.Build());

    [Fact]
    public void Create_set_read_delete_in_sequence_is_linearizable()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "y", 0), 20, 30, ZkOutput.Set(1))
            .Add(2, ZkInput.Read("/a"), 40, 50, ZkOutput.Value("y", 1))
            .Add(2, ZkInput.Delete("/a", 1), 60, 70, ZkOutput.Ok())
            .Add(1, ZkInput.Read("/a"), 80, 90, ZkOutput.Failed(ErrorCode.NoNode))).Outcome);

    [Fact]
    public void Stale_read_after_completed_write_is_not_linearizable()
    {
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "y"), 20, 30, ZkOutput.Set(1))
            .Add(2, ZkInput.Read("/a"), 40, 50, ZkOutput.Value("x", 0)));
        Assert.Equal(CheckOutcome.NotLinearizable, result.Outcome);

        // The explanation names the path, the prefix that worked and the read that could not be placed.
        var text = result.Explain();
        Assert.Contains("/a: not linearizable", text, StringComparison.Ordinal);
        Assert.Contains("Longest linearizable prefix: 2 operations", text, StringComparison.Ordinal);
        Assert.Contains("read(/a) -> (\"x\", v0)", text, StringComparison.Ordinal);
        Assert.Contains("(does not fit)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_acknowledged_create_is_not_linearizable()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(2, ZkInput.Read("/a"), 20, 30, ZkOutput.Failed(ErrorCode.NoNode))).Outcome);

    [Fact]
    public void Two_setData_with_the_same_expected_version_cannot_both_succeed()
    {
        Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "p", 0), 20, 50, ZkOutput.Set(1))
            .Add(2, ZkInput.SetData("/a", "q", 0), 20, 50, ZkOutput.Set(1))).Outcome);
        Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "p", 0), 20, 50, ZkOutput.Set(1))
            .Add(2, ZkInput.SetData("/a", "q", 0), 20, 50, ZkOutput.Failed(ErrorCode.BadVersion))).Outcome);
    }

    [Fact]
    public void Reply_versions_are_checked_exactly()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "p"), 20, 30, ZkOutput.Set(2))).Outcome);

    [Fact]
    public void Read_of_data_never_written_is_not_linearizable()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "y"), 20, 100, ZkOutput.Set(1))
            .Add(2, ZkInput.Read("/a"), 30, 40, ZkOutput.Value("z", 1))).Outcome);

    [Fact]
    public void Read_between_two_overlapping_writes_is_fine()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "p"), 20, 100, ZkOutput.Set(2))
            .Add(2, ZkInput.SetData("/a", "q"), 25, 100, ZkOutput.Set(1))
            .Add(3, ZkInput.Read("/a"), 30, 40, ZkOutput.Value("q", 1))
            .Add(3, ZkInput.Read("/a"), 50, 60, ZkOutput.Value("p", 2))).Outcome);

    [Fact]
    public void Recreated_node_starts_again_at_version_zero()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(1, ZkInput.SetData("/a", "y", 0), 20, 30, ZkOutput.Set(1))
            .Add(1, ZkInput.Delete("/a", 1), 40, 50, ZkOutput.Ok())
            .Add(1, ZkInput.Create("/a", "z"), 60, 70, ZkOutput.Ok())
            .Add(2, ZkInput.Read("/a"), 80, 90, ZkOutput.Value("z", 0))).Outcome);

    [Fact]
    public void Indeterminate_create_that_took_effect()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Zk()
            .Indeterminate(1, ZkInput.Create("/a", "x"), 0)
            .Add(2, ZkInput.Read("/a"), 10, 20, ZkOutput.Value("x", 0))
            .Add(2, ZkInput.SetData("/a", "y", 0), 30, 40, ZkOutput.Set(1))).Outcome);

    [Fact]
    public void Indeterminate_delete_that_did_not_take_effect()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Indeterminate(1, ZkInput.Delete("/a"), 20)
            .Add(2, ZkInput.Read("/a"), 30, 40, ZkOutput.Value("x", 0))
            .Add(2, ZkInput.Read("/a"), 50, 60, ZkOutput.Value("x", 0))).Outcome);

    [Fact]
    public void Indeterminate_write_cannot_explain_a_value_it_did_not_write()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Indeterminate(1, ZkInput.SetData("/a", "y", 5), 20)
            .Add(2, ZkInput.Read("/a"), 30, 40, ZkOutput.Value("y", 1))).Outcome);

    [Fact]
    public void Plain_reads_are_left_to_the_session_checker()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok())
            .Add(2, ZkInput.PlainRead("/a"), 20, 30, ZkOutput.Failed(ErrorCode.NoNode))).Outcome);

    [Fact]
    public void Unexpected_error_replies_never_match()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Failed(ErrorCode.NoAuth))).Outcome);
}
