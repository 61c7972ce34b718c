namespace ActorZk.Server.Admin;

/// <summary>Time arithmetic shared by the four-letter words and the AdminServer.</summary>
internal static class AdminTime
{
    /// <summary>Milliseconds from <paramref name="sinceUtc"/> to <paramref name="nowUtc"/>; 0 when it is unset or in the future.</summary>
    public static long MillisecondsSince(DateTime sinceUtc, DateTime nowUtc)
        => sinceUtc == default ? 0 : Math.Max(0, (long)(AsUtc(nowUtc) - AsUtc(sinceUtc)).TotalMilliseconds);

    /// <summary>Java's milliseconds since the epoch.</summary>
    public static long EpochMilliseconds(DateTime utc) => new DateTimeOffset(AsUtc(utc)).ToUnixTimeMilliseconds();

    // A DateTime of unspecified kind is taken to be UTC: every time in a snapshot is UTC by contract.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
