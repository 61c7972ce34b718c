using ActorZk.Server.Admin;
using Xunit;

namespace ActorZk.Server.Tests.Admin;

/// <summary>Expected values were printed by OpenJDK 17 (jshell), the JVM the fixtures were captured on.</summary>
public sealed class JavaTextTests
{
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(2.5455, "2.5455")]
    [InlineData(0.0005, "5.0E-4")]
    [InlineData(1.0E-4, "1.0E-4")]
    [InlineData(2.5E-5, "2.5E-5")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.1, "0.1")]
    [InlineData(3.1, "3.1")]
    [InlineData(100.0, "100.0")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1.0E7, "1.0E7")]
    [InlineData(12345678.5, "1.23456785E7")]
    [InlineData(123456.78915, "123456.78915")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(-2.5, "-2.5")]
    public void DoubleIsJavasDoubleToString(double value, string expected) => Assert.Equal(expected, JavaText.Double(value));

    [Theory]
    [InlineData(2.5455, 2.5455)]
    [InlineData(77.33333333, 77.3333)]
    [InlineData(1.23456789, 1.2346)]
    [InlineData(7.36363636, 7.3636)]
    [InlineData(2.00005, 2.0)] // the double is just below 2.00005, and Java rounds its exact value
    [InlineData(0.00015, 1.0E-4)] // likewise
    [InlineData(123456.78915, 123456.7891)]
    [InlineData(2.5E-5, 0.0)]
    [InlineData(0.0, 0.0)]
    public void RoundingIsBigDecimalHalfUpOnTheExactValue(double value, double expected)
        => Assert.Equal(expected, JavaText.RoundHalfUp4(value));

    [Theory]
    [InlineData("127.0.0.1", 59626, "/127.0.0.1:59626")]
    [InlineData("::1", 5, "/[0:0:0:0:0:0:0:1]:5")]
    [InlineData("fe80::1:2", 5, "/[fe80:0:0:0:0:0:1:2]:5")]
    [InlineData("::ffff:10.0.0.1", 5, "/10.0.0.1:5")]
    public void SocketAddressIsJavasInetSocketAddress(string address, int port, string expected)
        => Assert.Equal(expected, JavaText.SocketAddress(address, port));

    [Fact]
    public void DateIsJavasDateToStringInUtc()
        => Assert.Equal("Sat Nov 28 07:13:34 UTC 2026", JavaText.Date(new DateTime(2026, 11, 28, 7, 13, 34, 900, DateTimeKind.Utc)));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(0x100000004L, "100000004")]
    [InlineData(-1L, "ffffffffffffffff")]
    public void HexIsJavasLongToHexString(long value, string expected) => Assert.Equal(expected, JavaText.Hex(value));
}
