using ActorZk.Bench.Metrics;
using CsCheck;

namespace ActorZk.Bench.Tests.Unit;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Empty_histogram_reports_zeros()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal(0, histogram.ValueAtPercentile(99.9));
        Assert.Equal(0, histogram.Min);
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Mean);
    }

    [Fact]
    public void Small_values_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 100; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(50, histogram.ValueAtPercentile(50));
        Assert.Equal(99, histogram.ValueAtPercentile(99));
        Assert.Equal(100, histogram.ValueAtPercentile(100));
        Assert.Equal(1, histogram.Min);
        Assert.Equal(100, histogram.Max);
        Assert.Equal(50.5, histogram.Mean);
    }

    [Fact]
    public void Percentiles_of_a_wide_uniform_range_are_within_one_percent()
    {
        var histogram = new LatencyHistogram();

        // 1 us .. 100 ms in 1 us steps, as nanoseconds.
        for (long us = 1; us <= 100_000; us++)
        {
            histogram.Record(us * 1000);
        }

        foreach (var (percentile, expected) in new[] { (50.0, 50_000_000.0), (99.0, 99_000_000.0), (99.9, 99_900_000.0) })
        {
            var value = histogram.ValueAtPercentile(percentile);
            Assert.InRange(value, expected, expected * 1.01);
        }
    }

    [Fact]
    public void A_percentile_never_exceeds_the_largest_value()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000_001);

        Assert.Equal(1_000_001, histogram.ValueAtPercentile(99.9));
    }

    [Fact]
    public void Out_of_range_values_are_clamped_not_lost()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        Assert.Equal(2, histogram.Count);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(LatencyHistogram.MaxTrackable, histogram.Max);
    }

    [Fact]
    public void Add_merges_counts_and_extremes_and_Reset_forgets()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        a.Record(20);
        b.Record(5_000);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(10, a.Min);
        Assert.Equal(5_000, a.Max);
        Assert.Equal(20, a.ValueAtPercentile(66));
        Assert.InRange(a.ValueAtPercentile(100), 4_960, 5_000);

        a.Reset();
        Assert.Equal(0, a.Count);
        Assert.Equal(0, a.ValueAtPercentile(50));
    }

    [Fact]
    public void Every_value_falls_in_a_bucket_whose_bounds_hold_it_within_the_precision()
    {
        Gen.Long[0, LatencyHistogram.MaxTrackable].Sample(value =>
        {
            var index = LatencyHistogram.IndexOf(value);
            var low = LatencyHistogram.LowestEquivalent(index);
            var high = LatencyHistogram.HighestEquivalent(index);
            Assert.InRange(index, 0, LatencyHistogram.BucketCount - 1);
            Assert.InRange(value, low, high);
            Assert.True(high - low <= Math.Max(0, low / 128), $"bucket [{low}, {high}] too wide for {value}");
        });
    }

    [Fact]
    public void Buckets_tile_the_range_without_gaps()
    {
        for (var i = 1; i < LatencyHistogram.BucketCount; i++)
        {
            Assert.Equal(LatencyHistogram.HighestEquivalent(i - 1) + 1, LatencyHistogram.LowestEquivalent(i));
        }

        Assert.Equal(LatencyHistogram.MaxTrackable, LatencyHistogram.HighestEquivalent(LatencyHistogram.BucketCount - 1));
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (long v = 0; v < 100_000; v++)
        {
            histogram.Record(v * 997);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
