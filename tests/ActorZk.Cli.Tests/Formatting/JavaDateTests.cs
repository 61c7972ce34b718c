using ActorZk.Cli.Formatting;

namespace ActorZk.Cli.Tests.Formatting;

/// <summary>Expected texts were printed by Java 17's <c>new Date(ms).toString()</c> with TZ set to the zone.</summary>
public sealed class JavaDateTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone(
        "Test/Berlin",
        TimeSpan.FromHours(1),
        "Berlin",
        "CET",
        "CEST",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(1996, 1, 1),
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    [Theory]
    [InlineData(0L, "Thu Jan 01 00:00:00 UTC 1970")]
    [InlineData(1435000000000L, "Mon Jun 22 19:06:40 UTC 2015")]
    [InlineData(1451403547000L, "Tue Dec 29 15:39:07 UTC 2015")]
    public void Formats_in_UTC(long ms, string expected) => Assert.Equal(expected, JavaDate.Format(ms, TimeZoneInfo.Utc));

    [Theory]
    [InlineData(0L, "Thu Jan 01 01:00:00 CET 1970")]
    [InlineData(1435000000000L, "Mon Jun 22 21:06:40 CEST 2015")]
    [InlineData(1450000000000L, "Sun Dec 13 10:46:40 CET 2015")]
    public void Uses_the_standard_or_daylight_abbreviation(long ms, string expected) => Assert.Equal(expected, JavaDate.Format(ms, Berlin));

    [Fact]
    public void Falls_back_to_Javas_GMT_offset_form_without_an_abbreviation()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Plus8", TimeSpan.FromHours(8), "Plus8", "+08");
        Assert.Equal("Thu Jan 01 08:00:00 GMT+08:00 1970", JavaDate.Format(0, zone));
    }

    [Fact]
    public void Names_negative_offsets_with_a_minus()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Minus330", TimeSpan.FromMinutes(-210), "Minus", "-0330");
        Assert.Equal("Wed Dec 31 20:30:00 GMT-03:30 1969", JavaDate.Format(0, zone));
    }
}
