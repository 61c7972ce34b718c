using ActorZk.Core.Sessions;
using ActorZk.Protocol;

namespace ActorZk.Core.Tests.Sessions;

public class ExpiryQueueTests
{
    [Fact]
    public void Rounds_expiry_to_the_next_interval()
    {
        var queue = new ExpiryQueue<string>(2000, 0);
        Assert.Equal(2000, queue.NextExpirationTime);
        Assert.Equal(8000, queue.Update("a", 5000, 1000));
        Assert.Null(queue.Update("a", 5000, 1500));
        Assert.Equal(10000, queue.Update("a", 5000, 4000));
        Assert.Equal(10000, queue.Remove("a"));
        Assert.Null(queue.Remove("a"));
    }

    [Fact]
    public void Poll_takes_one_bucket_per_interval()
    {
        var queue = new ExpiryQueue<string>(1000, 0);
        queue.Update("a", 1500, 0);
        queue.Update("b", 2500, 0);
        Assert.Equal(1000, queue.GetWaitTime(0));
        Assert.Empty(queue.Poll(999));
        Assert.Empty(queue.Poll(1000));
        Assert.Equal(["a"], queue.Poll(2000));
        Assert.Equal(0, queue.GetWaitTime(5000));
        Assert.Equal(["b"], queue.Poll(5000));
        Assert.Equal(0, queue.Count);
    }
}
