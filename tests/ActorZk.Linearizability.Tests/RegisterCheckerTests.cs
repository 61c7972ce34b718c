using ActorZk.Linearizability.Models;

namespace ActorZk.Linearizability.Tests;

public sealed class RegisterCheckerTests
{
    private static readonly RegisterOutput W = RegisterOutput.Written;

    private static CheckOutcome Check(HistoryBuilder<RegisterInput, RegisterOutput> h, CheckOptions? options = null)
        => LinearizabilityChecker.Check(RegisterModel.Instance, h.Operations, options).Outcome;

    private static RegisterOutput R(int v) => new(v);

    [Fact]
    public void Empty_history_is_linearizable()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()));

    [Fact]
    public void Read_after_completed_write_sees_it()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Write(1), 0, 10, W)
            .Add(2, RegisterInput.Read(), 20, 30, R(1))));

    [Fact]
    public void Stale_read_after_completed_write_is_not_linearizable()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Write(1), 0, 10, W)
            .Add(2, RegisterInput.Read(), 20, 30, R(0))));

    [Fact]
    public void Read_concurrent_with_write_may_see_either_value()
    {
        Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Write(1), 0, 100, W)
            .Add(2, RegisterInput.Read(), 10, 20, R(0))));
        Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Write(1), 0, 100, W)
            .Add(2, RegisterInput.Read(), 10, 20, R(1))));
    }

    [Fact]
    public void Reads_between_overlapping_writes_are_fine_in_one_order()
        => Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Write(1), 0, 100, W)
            .Add(2, RegisterInput.Write(2), 5, 100, W)
            .Add(3, RegisterInput.Read(), 10, 20, R(2))
            .Add(3, RegisterInput.Read(), 30, 40, R(1))));

    [Fact]
    public void Value_cannot_flip_back_between_two_writes()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Write(1), 0, 100, W)
            .Add(2, RegisterInput.Write(2), 5, 100, W)
            .Add(3, RegisterInput.Read(), 10, 20, R(1))
            .Add(3, RegisterInput.Read(), 30, 40, R(2))
            .Add(3, RegisterInput.Read(), 50, 60, R(1))));

    [Fact]
    public void Read_of_a_value_never_written_is_not_linearizable()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Write(1), 0, 100, W)
            .Add(2, RegisterInput.Read(), 10, 20, R(7))));

    [Fact]
    public void Two_successful_cas_on_the_same_expected_value_are_not_linearizable()
    {
        Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Cas(0, 1), 0, 100, new RegisterOutput(Ok: true))
            .Add(2, RegisterInput.Cas(0, 2), 0, 100, new RegisterOutput(Ok: true))));
        Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()
            .Add(1, RegisterInput.Cas(0, 1), 0, 100, new RegisterOutput(Ok: true))
            .Add(2, RegisterInput.Cas(0, 2), 0, 100, new RegisterOutput(Ok: false))));
    }

    [Fact]
    public void Indeterminate_write_may_or_may_not_take_effect()
    {
        Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()
            .Indeterminate(1, RegisterInput.Write(1), 0)
            .Add(2, RegisterInput.Read(), 10, 20, R(1))));
        Assert.Equal(CheckOutcome.Linearizable, Check(Histories.Register()
            .Indeterminate(1, RegisterInput.Write(1), 0)
            .Add(2, RegisterInput.Read(), 10, 20, R(0))));
    }

    [Fact]
    public void Indeterminate_write_takes_effect_at_most_once_and_cannot_be_undone()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Register()
            .Indeterminate(1, RegisterInput.Write(1), 0)
            .Add(2, RegisterInput.Read(), 10, 20, R(0))
            .Add(2, RegisterInput.Read(), 30, 40, R(1))
            .Add(2, RegisterInput.Read(), 50, 60, R(0))));

    [Fact]
    public void Indeterminate_write_cannot_take_effect_before_its_invocation()
        => Assert.Equal(CheckOutcome.NotLinearizable, Check(Histories.Register()
            .Add(2, RegisterInput.Read(), 0, 10, R(1))
            .Indeterminate(1, RegisterInput.Write(1), 20)));

    [Fact]
    public void Partitions_are_checked_independently()
    {
        var result = LinearizabilityChecker.Check(RegisterModel.Instance, Histories.Register()
            .Add(1, RegisterInput.Write(1, "a"), 0, 10, W)
            .Add(1, RegisterInput.Write(1, "b"), 0, 10, W)
            .Add(2, RegisterInput.Read("a"), 20, 30, R(1))
            .Add(2, RegisterInput.Read("b"), 20, 30, R(0)).Operations);
        Assert.Equal(CheckOutcome.NotLinearizable, result.Outcome);
        Assert.Equal([("a", CheckOutcome.Linearizable), ("b", CheckOutcome.NotLinearizable)], result.Partitions.Select(p => (p.Partition, p.Outcome)));
    }

    [Fact]
    public void Step_budget_exhaustion_is_unknown_not_a_verdict()
    {
        var h = Histories.Register();
        for (var i = 0; i < 50; i++)
        {
            h.Add(i, RegisterInput.Write(i), 0, 100, W);
        }

        var result = LinearizabilityChecker.Check(RegisterModel.Instance, h.Operations, new CheckOptions { MaxStepsPerPartition = 10 });
        Assert.Equal(CheckOutcome.Unknown, result.Outcome);
        Assert.Contains("step budget", result.Partitions[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_concurrent_writes_do_not_explode_thanks_to_memoization()
    {
        // 12 fully concurrent writes then a read of the first: a search without memoization tries up to 12!
        // (479 million) orders, far over the budget; memoization collapses them to at most 12 * 2^12 pairs.
        var h = Histories.Register();
        for (var i = 1; i <= 12; i++)
        {
            h.Add(i, RegisterInput.Write(i), 0, 100, W);
        }

        h.Add(0, RegisterInput.Read(), 200, 210, R(1));
        Assert.Equal(CheckOutcome.Linearizable, Check(h, new CheckOptions { MaxStepsPerPartition = 2_000_000 }));
    }
}
