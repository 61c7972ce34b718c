using ActorZk.Server.Configuration;
using Xunit;

namespace ActorZk.Server.Tests.Configuration;

/// <summary>The admin.* zoo.cfg keys of ZooKeeper's AdminServer.</summary>
public sealed class AdminConfigTests
{
    [Fact]
    public void DefaultsFollowZooKeeper()
    {
        var (config, warnings) = ZooCfgParser.Parse("dataDir=/tmp/x\n", "zoo.cfg");
        Assert.Empty(warnings);
        Assert.True(config.AdminEnableServer);
        Assert.Equal("0.0.0.0", config.AdminServerAddress);
        Assert.Equal(8080, config.AdminServerPort);
        Assert.Equal("/commands", config.AdminCommandUrl);
        Assert.Equal(30_000, config.AdminIdleTimeoutMs);
    }

    [Fact]
    public void ReadsEveryKey()
    {
        var (config, warnings) = ZooCfgParser.Parse(
            "admin.enableServer=false\nadmin.serverAddress=127.0.0.1\nadmin.serverPort=9090\nadmin.commandURL=/zk/\nadmin.idleTimeout=500\nadmin.httpVersion=11\n",
            "zoo.cfg");
        Assert.Empty(warnings);
        Assert.False(config.AdminEnableServer);
        Assert.Equal("127.0.0.1", config.AdminServerAddress);
        Assert.Equal(9090, config.AdminServerPort);
        Assert.Equal("/zk", config.AdminCommandUrl);
        Assert.Equal(500, config.AdminIdleTimeoutMs);
    }

    [Fact]
    public void ForcedHttpsLeavesTheAdminServerOffWithAWarning()
    {
        var (config, warnings) = ZooCfgParser.Parse("admin.forceHttps=true\nadmin.enableServer=true\n", "zoo.cfg");
        Assert.False(config.AdminEnableServer);
        Assert.Contains(warnings, w => w.Contains("no TLS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("admin.serverPort=70000", "is not a port")]
    [InlineData("admin.commandURL=commands", "must start with '/'")]
    [InlineData("admin.enableServer=maybe", "admin.enableServer")]
    public void RejectsBadValues(string line, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.Parse(line + "\n", "zoo.cfg"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
