using ActorZk.Protocol;

namespace ActorZk.Bench.Metrics;

/// <summary>
/// Counts failed requests by ZooKeeper error code without allocating: codes are small negative numbers, so they
/// index an array. Client-side failures use the codes ZooKeeper's own client reports for them
/// (<see cref="ErrorCode.ConnectionLoss"/>, <see cref="ErrorCode.OperationTimeout"/>,
/// <see cref="ErrorCode.MarshallingError"/> for a reply the tool did not expect).
/// </summary>
internal sealed class ErrorCounter
{
    private const int Slots = 256;

    // Slot -code for codes in (-256, 0]; the last slot collects anything else.
    private readonly long[] counts = new long[Slots];
    private long other;

    /// <summary>All errors counted.</summary>
    public long Total { get; private set; }

    /// <summary>Counts <paramref name="count"/> failures with <paramref name="code"/>.</summary>
    public void Add(ErrorCode code, long count = 1)
    {
        var slot = -(long)code;
        if (slot is > 0 and < Slots)
        {
            counts[slot] += count;
        }
        else
        {
            other += count;
        }

        Total += count;
    }

    /// <summary>Adds every count of <paramref name="source"/>.</summary>
    public void Add(ErrorCounter source)
    {
        for (var i = 0; i < Slots; i++)
        {
            counts[i] += source.counts[i];
        }

        other += source.other;
        Total += source.Total;
    }

    /// <summary>The non-zero counts, most frequent first, named as ZooKeeper names the codes.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByCode()
    {
        var list = new List<KeyValuePair<string, long>>();
        for (var i = 1; i < Slots; i++)
        {
            if (counts[i] != 0)
            {
                list.Add(new(NameOf((ErrorCode)(-i)), counts[i]));
            }
        }

        if (other != 0)
        {
            list.Add(new("Other", other));
        }

        list.Sort((a, b) => b.Value.CompareTo(a.Value));
        return list;
    }

    /// <summary>The enum name and the number, e.g. <c>NoNode(-101)</c>.</summary>
    public static string NameOf(ErrorCode code)
        => Enum.IsDefined(code) ? $"{code}({(int)code})" : $"Error({(int)code})";
}
