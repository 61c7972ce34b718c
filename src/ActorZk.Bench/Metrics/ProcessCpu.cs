using System.Globalization;

namespace ActorZk.Bench.Metrics;

/// <summary>Reads a process's CPU time (user + system, all threads) from <c>/proc/PID/stat</c>.</summary>
internal static class ProcessCpu
{
    /// <summary>Linux reports these times in USER_HZ, which is 100 on every architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>CPU seconds used so far by <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static double? ReadSeconds(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ParseStat(text);
    }

    /// <summary>Sum of <see cref="ReadSeconds"/> over <paramref name="pids"/>, or null if any cannot be read.</summary>
    public static double? ReadSeconds(IReadOnlyList<int> pids)
    {
        double total = 0;
        foreach (var pid in pids)
        {
            if (ReadSeconds(pid) is not { } seconds)
            {
                return null;
            }

            total += seconds;
        }

        return total;
    }

    /// <summary>Parses utime + stime (fields 14 and 15) of a stat line into seconds.</summary>
    internal static double? ParseStat(string stat)
    {
        // The command name (field 2) is in parentheses and may itself hold spaces or ')': split after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // fields[0] is field 3 (state), so field N is fields[N - 3].
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime))
        {
            return null;
        }

        return (utime + stime) / ClockTicksPerSecond;
    }
}
