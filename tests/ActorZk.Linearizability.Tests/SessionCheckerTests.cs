using ActorZk.Linearizability.Znodes;
using ActorZk.Protocol;

namespace ActorZk.Linearizability.Tests;

public sealed class SessionCheckerTests
{
    private static SessionCheckResult Check(HistoryBuilder<ZkInput, ZkOutput> h) => ZooKeeperChecks.CheckSessions(h.Build());

    private static ZkOutput Read(string data, int version, long zxid, long mzxid) => ZkOutput.Value(data, version, zxid, mzxid);

    [Fact]
    public void Own_write_then_reads_that_reflect_it_are_valid()
    {
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok(5))
            .Add(1, ZkInput.PlainRead("/a"), 20, 30, Read("x", 0, 6, 5))
            .Add(1, ZkInput.SetData("/a", "y"), 40, 50, ZkOutput.Set(1, 8))
            .Add(1, ZkInput.PlainRead("/a"), 60, 70, Read("y", 1, 9, 8))
            .Add(1, ZkInput.PlainRead("/a"), 80, 90, Read("z", 2, 12, 11)));
        Assert.True(result.IsValid, result.Explain());
        Assert.Equal(1, result.Sessions);
    }

    [Fact]
    public void Decreasing_reply_zxid_is_caught()
    {
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.PlainRead("/a"), 0, 10, ZkOutput.Failed(ErrorCode.NoNode, 10))
            .Add(1, ZkInput.PlainRead("/b"), 20, 30, ZkOutput.Failed(ErrorCode.NoNode, 8)));
        var v = Assert.Single(result.Violations);
        Assert.Equal(SessionViolationKind.ZxidDecreased, v.Kind);
        Assert.Equal((0, 1), (v.Earlier.Id, v.Later.Id));
    }

    [Fact]
    public void Read_missing_own_setData_is_caught()
    {
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.SetData("/a", "y"), 0, 10, ZkOutput.Set(3, 10))
            .Add(1, ZkInput.PlainRead("/a"), 20, 30, Read("x", 2, 0, 7)));
        var v = Assert.Single(result.Violations);
        Assert.Equal(SessionViolationKind.MissedOwnWrite, v.Kind);
        Assert.Contains("mzxid 0x7", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNode_after_own_create_needs_a_delete_after_it()
    {
        var missed = Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok(10))
            .Add(1, ZkInput.PlainRead("/a"), 20, 30, ZkOutput.Failed(ErrorCode.NoNode, 11)));
        Assert.Equal(SessionViolationKind.MissedOwnWrite, Assert.Single(missed.Violations).Kind);

        var olderDelete = Check(Histories.Zk()
            .Add(2, ZkInput.Delete("/a"), 0, 5, ZkOutput.Ok(4))
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok(10))
            .Add(1, ZkInput.PlainRead("/a"), 20, 30, ZkOutput.Failed(ErrorCode.NoNode, 11)));
        Assert.False(olderDelete.IsValid);

        var deletedByOther = Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok(10))
            .Add(2, ZkInput.Delete("/a"), 12, 15, ZkOutput.Ok(12))
            .Add(1, ZkInput.PlainRead("/a"), 20, 30, ZkOutput.Failed(ErrorCode.NoNode, 13)));
        Assert.True(deletedByOther.IsValid, deletedByOther.Explain());

        var maybeDeleted = Check(Histories.Zk()
            .Add(1, ZkInput.Create("/a", "x"), 0, 10, ZkOutput.Ok(10))
            .Indeterminate(2, ZkInput.Delete("/a"), 12)
            .Add(1, ZkInput.PlainRead("/a"), 20, 30, ZkOutput.Failed(ErrorCode.NoNode, 13)));
        Assert.True(maybeDeleted.IsValid, maybeDeleted.Explain());
    }

    [Fact]
    public void Read_of_the_node_before_own_delete_is_caught()
    {
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.PlainRead("/a"), 0, 10, Read("x", 0, 5, 5))
            .Add(1, ZkInput.Delete("/a"), 20, 30, ZkOutput.Ok(9))
            .Add(1, ZkInput.PlainRead("/a"), 40, 50, Read("x", 0, 10, 5)));
        Assert.Equal(SessionViolationKind.MissedOwnWrite, Assert.Single(result.Violations).Kind);
    }

    [Fact]
    public void Going_back_to_an_older_version_is_a_stale_read()
    {
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.PlainRead("/a"), 0, 10, Read("y", 1, 9, 9))
            .Add(1, ZkInput.PlainRead("/a"), 20, 30, Read("x", 0, 0, 5)));
        Assert.Equal(SessionViolationKind.StaleRead, Assert.Single(result.Violations).Kind);
    }

    [Fact]
    public void Different_sessions_may_see_different_ages()
    {
        // Session 2's server lags behind session 1's: allowed for plain reads.
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.PlainRead("/a"), 0, 10, Read("y", 1, 9, 9))
            .Add(2, ZkInput.PlainRead("/a"), 20, 30, Read("x", 0, 6, 5)));
        Assert.True(result.IsValid, result.Explain());
        Assert.Equal(2, result.Sessions);
    }

    [Fact]
    public void Indeterminate_operations_are_not_judged()
    {
        var result = Check(Histories.Zk()
            .Add(1, ZkInput.PlainRead("/a"), 0, 10, Read("y", 1, 9, 9))
            .Indeterminate(1, ZkInput.SetData("/a", "z"), 20)
            .Add(1, ZkInput.PlainRead("/a"), 30, 40, Read("y", 1, 9, 9)));
        Assert.True(result.IsValid, result.Explain());
    }
}
