using System.Globalization;
using System.Text;

namespace ActorZk.Core.Tree;

/// <summary>
/// The text of quota nodes (ZooKeeper's <c>StatsTrack</c>): "count=N,bytes=M", optionally followed by "="
/// and ";key=value" pairs for further keys (hard limits), sorted.
/// </summary>
internal sealed class QuotaStats
{
    private const string CountKey = "count";
    private const string BytesKey = "bytes";

    private readonly SortedDictionary<string, long> values = new(StringComparer.Ordinal);

    public long Count
    {
        get => Get(CountKey);
        set => values[CountKey] = value;
    }

    public long Bytes
    {
        get => Get(BytesKey);
        set => values[BytesKey] = value;
    }

    /// <summary>Parses the text, splitting on runs of ',' and ';'; malformed pairs are skipped.</summary>
    public static QuotaStats Parse(byte[]? data)
    {
        var stats = new QuotaStats();
        if (data is null || data.Length == 0)
        {
            return stats;
        }

        var text = Encoding.UTF8.GetString(data);
        foreach (var pair in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            if (parts.Length < 2)
            {
                continue;
            }

            var value = parts[1].Length == 0 ? "-1" : parts[1];
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                stats.values[parts[0]] = parsed;
            }
        }

        return stats;
    }

    public byte[] ToBytes()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{CountKey}={Count},{BytesKey}={Bytes}");
        var first = true;
        foreach (var (key, value) in values)
        {
            if (key is CountKey or BytesKey)
            {
                continue;
            }

            if (first)
            {
                // ZooKeeper adds "=" so that old parsers ignore the extra keys.
                builder.Append('=');
                first = false;
            }

            builder.Append(CultureInfo.InvariantCulture, $";{key}={value}");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private long Get(string key) => values.TryGetValue(key, out var value) ? value : -1;
}
