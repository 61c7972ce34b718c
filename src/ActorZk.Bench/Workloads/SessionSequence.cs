using ActorZk.Bench.Engine;

namespace ActorZk.Bench.Workloads;

/// <summary>
/// Names numbered per session (<c>prefix[session] + n</c> for n below <c>counts[session]</c>, from <c>starts[session]</c>)
/// laid end to end as one item range, so a bulk pass over all sessions' nodes can be shared by any sessions.
/// </summary>
internal sealed class SessionSequence
{
    private readonly byte[][] prefixes;
    private readonly long[] starts;
    private readonly long[] offsets;

    /// <param name="prefixes">Each session's name prefix.</param>
    /// <param name="starts">Each session's first number.</param>
    /// <param name="ends">Each session's end number (exclusive).</param>
    public SessionSequence(byte[][] prefixes, IReadOnlyList<long> starts, IReadOnlyList<long> ends)
    {
        this.prefixes = prefixes;
        this.starts = [.. starts];
        offsets = new long[prefixes.Length + 1];
        for (var i = 0; i < prefixes.Length; i++)
        {
            offsets[i + 1] = offsets[i] + Math.Max(0, ends[i] - starts[i]);
        }
    }

    /// <summary>Items in all.</summary>
    public long Total => offsets[^1];

    /// <summary>Names item <paramref name="item"/>.</summary>
    public static int Compose(SessionSequence sequence, long item, Span<byte> destination)
    {
        // The session whose range holds the item: the last offset not above it.
        var index = Array.BinarySearch(sequence.offsets, item);
        if (index < 0)
        {
            index = ~index - 1;
        }

        // Sessions with empty ranges share an offset; BinarySearch may land on any of them, so move to the last.
        while (index + 1 < sequence.prefixes.Length && sequence.offsets[index + 1] <= item)
        {
            index++;
        }

        return ZnodePath.Compose(destination, sequence.prefixes[index], sequence.starts[index] + item - sequence.offsets[index]);
    }
}
