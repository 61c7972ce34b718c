using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors ZooKeeper's <c>flexible/QuorumMaj</c> (containsQuorum: more than half of the voting members).</summary>
public class QuorumConfigTests
{
    private static readonly QuorumConfig ThreeAndObserver = QuorumConfig.Create([1, 2, 3], [4]);

    [Fact]
    public void Majority_of_voters_is_a_quorum()
    {
        Assert.True(ThreeAndObserver.IsQuorum([1, 2]));
        Assert.True(ThreeAndObserver.IsQuorum([1, 2, 3]));
        Assert.False(ThreeAndObserver.IsQuorum([3]));
        Assert.False(ThreeAndObserver.IsQuorum([]));
        Assert.Equal(2, ThreeAndObserver.QuorumSize);
    }

    [Fact]
    public void Observers_unknown_ids_and_repeats_never_count()
    {
        // SyncedLearnerTracker.addAck only adds voting members.
        Assert.False(ThreeAndObserver.IsQuorum([1, 4]));
        Assert.False(ThreeAndObserver.IsQuorum([1, 99]));
        Assert.False(ThreeAndObserver.IsQuorum([1, 1, 1]));
        Assert.False(ThreeAndObserver.IsQuorum(new HashSet<long> { 2, 4, 99 }));
        Assert.True(ThreeAndObserver.IsQuorum(new HashSet<long> { 2, 3, 4 }));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    [InlineData(7, 4)]
    public void Quorum_size_is_strictly_more_than_half(int voters, int quorum)
    {
        var config = QuorumConfig.Create(Enumerable.Range(1, voters).Select(i => (long)i), [100, 101]);
        Assert.Equal(quorum, config.QuorumSize);
        var ids = Enumerable.Range(1, voters).Select(i => (long)i).ToList();
        Assert.True(config.IsQuorum(ids.Take(quorum).ToList()));
        Assert.False(config.IsQuorum(ids.Take(quorum - 1).Concat([100L, 101L]).ToList()));
    }

    [Fact]
    public void Members_by_type()
    {
        Assert.Equal([1L, 2, 3], ThreeAndObserver.Voters);
        Assert.Equal([4L], ThreeAndObserver.Observers);
        Assert.Equal([1L, 2, 3, 4], ThreeAndObserver.Members);
        Assert.True(ThreeAndObserver.IsVoter(2));
        Assert.False(ThreeAndObserver.IsVoter(4));
        Assert.True(ThreeAndObserver.IsObserver(4));
        Assert.False(ThreeAndObserver.IsObserver(1));
        Assert.True(ThreeAndObserver.IsMember(4));
        Assert.False(ThreeAndObserver.IsMember(5));
    }

    [Fact]
    public void Invalid_configurations_are_refused()
    {
        Assert.Throws<ArgumentException>(() => QuorumConfig.Create([], [1]));
        Assert.Throws<ArgumentException>(() => QuorumConfig.Create([1, 1]));
        Assert.Throws<ArgumentException>(() => QuorumConfig.Create([1, 2], [2]));
        Assert.Throws<ArgumentException>(() => QuorumConfig.Create([-1, 2]));
    }
}
