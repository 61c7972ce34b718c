using ActorZk.Core.Sessions;
using ActorZk.Protocol;

namespace ActorZk.Core.Tests.Sessions;

public class SessionTrackerTests
{
    [Theory]
    [InlineData(1000, 2000, -1, -1, 4000)]
    [InlineData(100000, 2000, -1, -1, 40000)]
    [InlineData(10000, 2000, -1, -1, 10000)]
    [InlineData(100, 2000, 500, 600, 500)]
    [InlineData(10000, 2000, 500, 600, 600)]
    public void Negotiates_timeouts_like_zookeeper(int requested, int tick, int min, int max, int expected)
        => Assert.Equal(expected, SessionTracker.NegotiateTimeout(requested, tick, min, max));

    [Fact]
    public void Session_ids_carry_server_id_and_clock()
    {
        Assert.Equal(0x0100000123450000L, SessionTracker.InitializeNextSessionId(1, 0x12345));
        Assert.Equal(0x05FFFFFFFFFF0000L, SessionTracker.InitializeNextSessionId(5, 0xFFFFFFFFFFL));

        // Only the low 40 bits of the clock are kept.
        Assert.Equal(0x0500000000010000L, SessionTracker.InitializeNextSessionId(5, 0x10000000001L));
        Assert.Equal(long.MinValue + 1, SessionTracker.InitializeNextSessionId(0x80, 0));
        var tracker = new SessionTracker(2000, 3, 0x10);
        var first = tracker.CreateSession(30000, 0);
        Assert.Equal(first + 1, tracker.CreateSession(30000, 0));
        Assert.Equal(3, first >>> 56);
    }

    [Fact]
    public void Extended_types_limit_server_ids()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new SessionTracker(2000, 255, 0, extendedTypesEnabled: true));

    [Fact]
    public void Touch_expire_close_lifecycle()
    {
        var tracker = new SessionTracker(1000, 1, 0);
        var a = tracker.CreateSession(3000, 0);
        var b = tracker.CreateSession(5000, 0);
        Assert.Equal(ErrorCode.Ok, tracker.CheckSession(a));
        Assert.Equal(ErrorCode.UnknownSession, tracker.CheckSession(99));
        Assert.Equal(ErrorCode.SessionExpired, tracker.CheckGlobalSession(99));
        Assert.Empty(tracker.PopExpired(3999));
        Assert.True(tracker.TouchSession(b, 5000, 3500));
        Assert.Equal([a], tracker.PopExpired(4000));
        Assert.True(tracker.IsClosing(a));
        Assert.False(tracker.TouchSession(a, 3000, 4000));
        Assert.Equal(ErrorCode.SessionExpired, tracker.CheckSession(a));
        tracker.RemoveSession(a);
        Assert.False(tracker.IsTrackingSession(a));
        Assert.Empty(tracker.PopExpired(8999));
        Assert.Equal([b], tracker.PopExpired(9000));
        Assert.Equal(5000, tracker.GetTimeout(b));
    }
}
