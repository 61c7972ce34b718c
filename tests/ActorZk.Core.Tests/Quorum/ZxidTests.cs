using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>Mirrors ZxidUtils and the rollover check of Leader.propose (ZOOKEEPER-1277).</summary>
public class ZxidTests
{
    [Fact]
    public void Epoch_is_the_high_half_and_counter_the_low_half()
    {
        var zxid = Zxid.Make(0x12, 0x34);
        Assert.Equal(0x0000_0012_0000_0034L, zxid);
        Assert.Equal(0x12, Zxid.EpochOf(zxid));
        Assert.Equal(0x34, Zxid.CounterOf(zxid));
        Assert.True(Zxid.IsEpochStart(Zxid.Make(7, 0)));
        Assert.False(Zxid.IsEpochStart(zxid));
        Assert.Equal("1200000034", Zxid.ToHex(zxid));
        Assert.Equal(Zxid.Make(1, 0xffffffff), Zxid.Make(1, -1));
    }

    [Fact]
    public void Generator_starts_after_the_epoch_zxid()
    {
        var g = new ZxidGenerator(3);
        Assert.Equal(Zxid.Make(3, 0), g.LastZxid);
        Assert.Equal(Zxid.Make(3, 1), g.Next());
        Assert.Equal(Zxid.Make(3, 2), g.Next());
        Assert.False(g.IsExhausted);
    }

    [Fact]
    public void Counter_0xffffffff_is_never_handed_out()
    {
        var g = new ZxidGenerator(3, 0xfffffffdL);
        Assert.Equal(1, g.Remaining);
        Assert.True(g.TryNext(out var last));
        Assert.Equal(Zxid.Make(3, 0xfffffffe), last);
        Assert.True(g.IsExhausted);
        Assert.False(g.TryNext(out _));
        Assert.Throws<InvalidOperationException>(() => g.Next());
        Assert.Equal(last, g.LastZxid);
    }

    [Fact]
    public void Epochs_must_fit_the_zxid()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZxidGenerator(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZxidGenerator(1L << 31));
    }
}
