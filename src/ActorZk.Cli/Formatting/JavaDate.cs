using System.Globalization;

namespace ActorZk.Cli.Formatting;

/// <summary>
/// Formats a time as Java's <c>Date.toString()</c>, which zkCli uses for ctime and mtime:
/// <c>EEE MMM dd HH:mm:ss zzz yyyy</c> in English, in the local time zone, e.g. <c>Tue Dec 29 15:39:07 GMT 2015</c>.
/// </summary>
/// <remarks>
/// The zone abbreviation comes from the tz database (what <c>date</c> prints: CET/CEST, EST/EDT, UTC). Java keeps
/// its own names, which agree for most zones; where the tz database has no letters (<c>+08</c>) Java often does
/// (<c>SGT</c>), and this prints Java's fallback form <c>GMT+08:00</c> instead.
/// </remarks>
internal static class JavaDate
{
    private static readonly string[] UtcIds = ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"];

    /// <summary>Formats <paramref name="epochMilliseconds"/> in <paramref name="zone"/>.</summary>
    /// <param name="epochMilliseconds">Milliseconds since the Unix epoch.</param>
    /// <param name="zone">The time zone (the local one in zkCli).</param>
    /// <returns>The text.</returns>
    public static string Format(long epochMilliseconds, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds);
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        var text = local.ToString("ddd MMM dd HH:mm:ss", CultureInfo.InvariantCulture);
        return $"{text} {ZoneName(zone, utc, local.Offset)} {local.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string ZoneName(TimeZoneInfo zone, DateTimeOffset instant, TimeSpan offset)
    {
        if (Array.IndexOf(UtcIds, zone.Id) >= 0)
        {
            return "UTC";
        }

        var name = zone.IsDaylightSavingTime(instant) ? zone.DaylightName : zone.StandardName;
        if (name.Length > 0 && name.All(char.IsAsciiLetter))
        {
            return name;
        }

        // No abbreviation known (or a long localized name): Java's custom-zone form.
        if (offset == TimeSpan.Zero)
        {
            return "GMT";
        }

        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var magnitude = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"GMT{sign}{magnitude.Hours:00}:{magnitude.Minutes:00}");
    }
}
