using ActorZk.Cli.Formatting;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Tests.Formatting;

public sealed class StatPrinterTests
{
    [Fact]
    public void Prints_zkClis_eleven_lines()
    {
        var stat = new Stat(
            Czxid: 0x2,
            Mzxid: 0x1f,
            Ctime: 1451403547000,
            Mtime: 1451403548000,
            Version: 1,
            Cversion: 4,
            Aversion: 2,
            EphemeralOwner: 0x10000a1b2c30000,
            DataLength: 11,
            NumChildren: 3,
            Pzxid: 0x3c);
        Assert.Equal(
            """
            cZxid = 0x2
            ctime = Tue Dec 29 15:39:07 UTC 2015
            mZxid = 0x1f
            mtime = Tue Dec 29 15:39:08 UTC 2015
            pZxid = 0x3c
            cversion = 4
            dataVersion = 1
            aclVersion = 2
            ephemeralOwner = 0x10000a1b2c30000
            dataLength = 11
            numChildren = 3

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            StatPrinter.Format(stat, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(255L, "ff")]
    [InlineData(-1L, "ffffffffffffffff")]
    [InlineData(unchecked((long)0xff00000000001388UL), "ff00000000001388")]
    public void Prints_hex_as_Long_toHexString(long value, string hex) => Assert.Equal(hex, StatPrinter.Hex(value));
}
