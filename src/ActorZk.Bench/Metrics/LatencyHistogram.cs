using System.Numerics;

namespace ActorZk.Bench.Metrics;

/// <summary>
/// A log-linear latency histogram in the manner of HdrHistogram: values below 128 ns get a bucket each, and every
/// power of two above is split into 128 equal buckets, so any recorded value is known to within 1/128 (0.8%).
/// Recording is an array increment: no allocation, no lock (one histogram per session, merged at the end).
/// </summary>
/// <remarks>Values are nanoseconds; those beyond about 73 minutes are counted in the top bucket.</remarks>
internal sealed class LatencyHistogram
{
    /// <summary>Bits of precision below each power of two.</summary>
    private const int SubBucketBits = 7;

    private const int SubBucketCount = 1 << SubBucketBits;

    /// <summary>Values are clamped below 2^MaxBits ns (about 73 minutes).</summary>
    private const int MaxBits = 42;

    /// <summary>The largest value kept exactly in range.</summary>
    public const long MaxTrackable = (1L << MaxBits) - 1;

    /// <summary>Buckets in all.</summary>
    public const int BucketCount = (MaxBits - SubBucketBits + 1) * SubBucketCount;

    private readonly long[] counts = new long[BucketCount];
    private long totalCount;
    private long sum;
    private long min = long.MaxValue;
    private long max;

    /// <summary>Values recorded.</summary>
    public long Count => totalCount;

    /// <summary>The smallest value recorded (0 when empty).</summary>
    public long Min => totalCount == 0 ? 0 : min;

    /// <summary>The largest value recorded (0 when empty).</summary>
    public long Max => max;

    /// <summary>The mean of the recorded values, exact (0 when empty).</summary>
    public double Mean => totalCount == 0 ? 0 : (double)sum / totalCount;

    /// <summary>Adds one value in nanoseconds; negative values count as 0.</summary>
    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }
        else if (nanoseconds > MaxTrackable)
        {
            nanoseconds = MaxTrackable;
        }

        counts[IndexOf(nanoseconds)]++;
        totalCount++;
        sum += nanoseconds;
        if (nanoseconds < min)
        {
            min = nanoseconds;
        }

        if (nanoseconds > max)
        {
            max = nanoseconds;
        }
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of the recorded values lie: the highest
    /// value of the bucket holding that rank, never above the largest value recorded (0 when empty).
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (totalCount == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100.0 * totalCount);
        rank = Math.Max(1, rank);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), max);
            }
        }

        return max;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        totalCount += other.totalCount;
        sum += other.sum;
        min = Math.Min(min, other.min);
        max = Math.Max(max, other.max);
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        Array.Clear(counts);
        totalCount = 0;
        sum = 0;
        min = long.MaxValue;
        max = 0;
    }

    /// <summary>The bucket of a value in [0, <see cref="MaxTrackable"/>].</summary>
    internal static int IndexOf(long value)
    {
        if (value < SubBucketCount)
        {
            return (int)value;
        }

        // The top SubBucketBits+1 bits of the value pick the bucket within its power of two.
        var magnitude = BitOperations.Log2((ulong)value);
        var shift = magnitude - SubBucketBits;
        return ((magnitude - SubBucketBits + 1) << SubBucketBits) + (int)((value >> shift) - SubBucketCount);
    }

    /// <summary>The smallest value that falls in bucket <paramref name="index"/>.</summary>
    internal static long LowestEquivalent(int index)
    {
        if (index < 2 * SubBucketCount)
        {
            return index;
        }

        var shift = (index >> SubBucketBits) - 1;
        var sub = (long)((index & (SubBucketCount - 1)) + SubBucketCount);
        return sub << shift;
    }

    /// <summary>The largest value that falls in bucket <paramref name="index"/>.</summary>
    internal static long HighestEquivalent(int index)
    {
        if (index < 2 * SubBucketCount)
        {
            return index;
        }

        var shift = (index >> SubBucketBits) - 1;
        return LowestEquivalent(index) + (1L << shift) - 1;
    }
}
