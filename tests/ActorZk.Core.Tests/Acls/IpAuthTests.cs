using System.Net;
using ActorZk.Core.Acl;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Acls;

using Acl = ActorZk.Protocol.Records.Acl;

// ZooKeeper 3.8.0's server/auth/IPAuthenticationProvider.java: IPv4 only (addr2Bytes calls v4addr2Bytes and
// has a "TODO Write the v6addr2Bytes"), so every IPv6 form is invalid and never matches.
public class IpAuthTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.0/0", true)]
    [InlineData("10.0.0.0/32", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0.0/-1", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/x", false)]
    [InlineData("10.0.0.256", false)]
    [InlineData("10.0.0", false)]
    [InlineData("10.0.0.1.2", false)]
    [InlineData("10..0.1", false)]
    [InlineData("+10.0.0.1", true)]
    [InlineData("localhost", false)]
    [InlineData("10.0.0.0/8/9", false)]
    [InlineData("10.0.0.1.", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1/64", false)]
    [InlineData("1:2:3:4:5:6:7:8", false)]
    [InlineData("0:0:0:0:0:0:0:1/128", false)]
    [InlineData("::ffff:1.2.3.4", false)]
    public void IsValid(string id, bool valid) => Assert.Equal(valid, IpAuth.IsValid(id));

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.2", "127.0.0.1", false)]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("11.1.2.3", "10.0.0.0/8", false)]
    [InlineData("192.168.1.77", "192.168.1.64/26", true)]
    [InlineData("192.168.1.128", "192.168.1.64/26", false)]
    [InlineData("1.2.3.4", "0.0.0.0/0", true)]
    [InlineData("0:0:0:0:0:0:0:1", "::1", false)]
    [InlineData("0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1", false)]
    [InlineData("fe80:0:0:0:1:2:3:4", "fe80::/16", false)]
    [InlineData("0:0:0:0:0:0:0:1", "0.0.0.0/0", false)]
    [InlineData("127.0.0.1", "::1", false)]
    [InlineData("127.0.0.1", "127.0.0.1/33", false)]
    [InlineData("bogus", "127.0.0.1", false)]
    public void Matches(string id, string acl, bool expected) => Assert.Equal(expected, IpAuth.Matches(id, acl));

    [Fact]
    public void FormatAddress_is_java_style()
    {
        Assert.Equal("127.0.0.1", IpAuth.FormatAddress(IPAddress.Loopback));
        Assert.Equal("0:0:0:0:0:0:0:1", IpAuth.FormatAddress(IPAddress.IPv6Loopback));
        Assert.Equal("10.1.2.3", IpAuth.FormatAddress(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.Equal("fe80:0:0:0:0:0:0:a", IpAuth.FormatAddress(IPAddress.Parse("fe80::a")));
    }
}
