namespace ActorZk.Client.Tests.Unit;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Parses_hosts_ports_and_chroot()
    {
        var parsed = ConnectionString.Parse("zk1:2181,zk2:2182, zk3 /app/sub");

        Assert.Equal(
            [("zk1", 2181), ("zk2", 2182), ("zk3", 2181)],
            parsed.Hosts.Select(h => (h.Host, h.Port)));
        Assert.Equal("/app/sub", parsed.ChrootPath);
        Assert.Equal("zk1:2181,zk2:2182, zk3 /app/sub", parsed.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", 2181)]
    [InlineData("127.0.0.1:", "127.0.0.1", 2181)]
    [InlineData("[::1]:2888", "::1", 2888)]
    [InlineData("[fe80::1]", "fe80::1", 2181)]
    [InlineData("host.example.org:65535", "host.example.org", 65535)]
    public void Parses_one_host(string text, string host, int port)
    {
        var endpoint = Assert.Single(ConnectionString.Parse(text).Hosts);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("a:1/", null)]
    [InlineData("a:1", null)]
    [InlineData("a:1/x", "/x")]
    public void Root_chroot_is_no_chroot(string text, string? chroot)
        => Assert.Equal(chroot, ConnectionString.Parse(text).ChrootPath);

    [Fact]
    public void Empty_entries_are_ignored()
        => Assert.Equal(2, ConnectionString.Parse(",a:1,,b:2,").Hosts.Count);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,")]
    [InlineData("/chroot")]
    [InlineData("a:notaport")]
    [InlineData("a:0")]
    [InlineData("a:70000")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData(":2181")]
    [InlineData("a:1/bad/")]
    [InlineData("a:1/bad//path")]
    [InlineData("a:1/./x")]
    public void Rejects_invalid_strings(string text)
        => Assert.ThrowsAny<ArgumentException>(() => ConnectionString.Parse(text));
}
