using System.Globalization;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Formatting;

/// <summary>The stat block zkCli prints for <c>get -s</c>, <c>stat</c>, <c>ls -s</c>, <c>set -s</c>, ... (its <c>StatPrinter</c>).</summary>
internal static class StatPrinter
{
    /// <summary>Formats <paramref name="stat"/> as zkCli's eleven lines, each ending with a newline.</summary>
    /// <param name="stat">The stat.</param>
    /// <param name="zone">The time zone of ctime and mtime.</param>
    /// <returns>The text.</returns>
    public static string Format(Stat stat, TimeZoneInfo zone)
    {
        var text = new System.Text.StringBuilder();
        Line(text, "cZxid = 0x" + Hex(stat.Czxid));
        Line(text, "ctime = " + JavaDate.Format(stat.Ctime, zone));
        Line(text, "mZxid = 0x" + Hex(stat.Mzxid));
        Line(text, "mtime = " + JavaDate.Format(stat.Mtime, zone));
        Line(text, "pZxid = 0x" + Hex(stat.Pzxid));
        Line(text, "cversion = " + Int(stat.Cversion));
        Line(text, "dataVersion = " + Int(stat.Version));
        Line(text, "aclVersion = " + Int(stat.Aversion));
        Line(text, "ephemeralOwner = 0x" + Hex(stat.EphemeralOwner));
        Line(text, "dataLength = " + Int(stat.DataLength));
        Line(text, "numChildren = " + Int(stat.NumChildren));
        return text.ToString();
    }

    /// <summary>Java's <c>Long.toHexString</c>: lower case, no padding, two's complement for negative values.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The hex digits.</returns>
    public static string Hex(long value) => ((ulong)value).ToString("x", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Java's println writes "\n" on Unix, which is what zkCli's output is compared with.
    private static void Line(System.Text.StringBuilder text, string line) => text.Append(line).Append('\n');
}
