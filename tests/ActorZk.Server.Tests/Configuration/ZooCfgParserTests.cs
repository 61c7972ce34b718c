using ActorZk.Server.Configuration;
using Xunit;

namespace ActorZk.Server.Tests.Configuration;

public sealed class ZooCfgParserTests
{
    [Fact]
    public void ReadsTheArticleQuorumConfig()
    {
        const string text = """
            # cat /usr/local/etc/zookeeper/zoo.cfg
            tickTime=2000
            initLimit=10
            syncLimit=5
            dataDir=/var/db/zookeeper
            clientPort=2181
            server.1=zook1:2888:3888
            server.2=zook2:2888:3888
            server.3=zook3:2888:3888
            server.4=zook4:2888:3888:observer
            """;

        var (config, warnings) = ZooCfgParser.Parse(text, "zoo.cfg");

        Assert.Empty(warnings);
        Assert.Equal(2000, config.TickTime);
        Assert.Equal(10, config.InitLimit);
        Assert.Equal(5, config.SyncLimit);
        Assert.Equal("/var/db/zookeeper", config.DataDir);
        Assert.Equal(2181, config.ClientPort);
        Assert.Equal(4, config.Peers.Count);
        Assert.Equal(new PeerSpec(2, "zook2", 2888, 3888, false, null, null) { Line = 8 }, config.Peers[1]);
        Assert.True(config.Peers[3].IsObserver);
        Assert.False(config.IsStandalone);
    }

    [Fact]
    public void DefaultsFollowZooKeeper()
    {
        var (config, _) = ZooCfgParser.Parse("tickTime=1000\n", "zoo.cfg");

        Assert.Equal(2000, config.MinSessionTimeout);
        Assert.Equal(20000, config.MaxSessionTimeout);
        Assert.Equal(60, config.MaxClientCnxns);
        Assert.Equal(0xfffff, config.JuteMaxBuffer);
        Assert.Equal(["srvr"], config.FourLetterWords);
        Assert.True(config.IsStandalone);
    }

    [Theory]
    [InlineData("key=value", "key", "value")]
    [InlineData("key = value", "key", "value")]
    [InlineData("key:value", "key", "value")]
    [InlineData("key value", "key", "value")]
    [InlineData("   key=value with spaces  ", "key", "value with spaces")]
    public void AcceptsJavaPropertiesSeparators(string line, string key, string value)
    {
        var (config, _) = ZooCfgParser.Parse(line, "zoo.cfg");

        Assert.Contains(new KeyValuePair<string, string>(key, value), config.RawEntries);
    }

    [Fact]
    public void UnknownKeysAreWarningsNamingTheLine()
    {
        var (_, warnings) = ZooCfgParser.Parse("tickTime=2000\n\nnoSuchKey=1\n", "my.cfg");

        Assert.Equal(["my.cfg:3: unknown key 'noSuchKey' ignored"], warnings);
    }

    [Theory]
    [InlineData("tickTime=abc", "zoo.cfg:1: tickTime: 'abc' is not a whole number")]
    [InlineData("# c\ntickTime=0", "zoo.cfg:2: tickTime: must be greater than 0, got 0")]
    [InlineData("clientPort=70000", "zoo.cfg:1: clientPort: 70000 is not a port (1-65535)")]
    [InlineData("server.0=a:1:2", "zoo.cfg:1: server.0: the server id must be a number from 1 to 255")]
    [InlineData("server.1=a:1", "zoo.cfg:1: server.1: expected host:quorumPort:electionPort[:participant|:observer], got 'a:1'")]
    [InlineData("server.1=a:1:2:voter", "zoo.cfg:1: server.1: unknown peer type 'voter' (expected participant or observer)")]
    [InlineData("readonlymode.enabled=maybe", "zoo.cfg:1: readonlymode.enabled: expected true or false, got 'maybe'")]
    [InlineData("server.1=a:1:2\nserver.1=b:1:2", "zoo.cfg: server.1 is listed more than once")]
    [InlineData("server.1=a:1:2\nserver.2=a:2:3", "zoo.cfg: server.2 reuses the address a:2")]
    [InlineData("server.1=a:1:1\nserver.2=b:1:2", "zoo.cfg:1: server.1: the quorum port and the election port must differ, both are 1")]
    [InlineData("server.1=a:1:2\nserver.2=b:1:2;a:2", "zoo.cfg:2: server.2: client port 2 is also a quorum or election port of server.1")]
    [InlineData("server.1=a:1:2\nserver.2=a:3:4;5\nserver.3=a:5:6", "zoo.cfg:2: server.2: client port 5 is also a quorum or election port of server.3")]
    [InlineData("server.1=a:1:2:observer", "zoo.cfg: observers without participants: at least one server.N line must be a participant")]
    [InlineData("server.1=a:1:2\nserver.2=b:1:2:observer", "zoo.cfg: observers need a quorum, but there is one participant and standaloneEnabled is true; add participants or set standaloneEnabled=false")]
    [InlineData("initLimit=0", "zoo.cfg:1: initLimit: must be greater than 0, got 0")]
    [InlineData("syncLimit=x", "zoo.cfg:1: syncLimit: 'x' is not a whole number")]
    [InlineData("minSessionTimeout=5000\nmaxSessionTimeout=4000", "zoo.cfg: minSessionTimeout (5000) must not be larger than maxSessionTimeout (4000)")]
    public void BadValuesNameTheLineAndTheProblem(string text, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.Parse(text, "zoo.cfg"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void WhitelistStarEnablesEveryWordAndSrvrIsAlwaysOn()
    {
        var (all, _) = ZooCfgParser.Parse("4lw.commands.whitelist=*", "zoo.cfg");
        var (some, _) = ZooCfgParser.Parse("4lw.commands.whitelist=ruok, stat", "zoo.cfg");
        var (readOnly, _) = ZooCfgParser.Parse("4lw.commands.whitelist=ruok\nreadonlymode.enabled=true", "zoo.cfg");

        Assert.Contains("mntr", all.FourLetterWords);
        Assert.Equal(["ruok", "srvr", "stat"], some.FourLetterWords.Order());
        Assert.Contains("isro", readOnly.FourLetterWords);
    }

    [Fact]
    public void ServerLinesWithClientPorts()
    {
        var (config, _) = ZooCfgParser.Parse(
            "server.1=127.0.0.1:2888:3888:participant;127.0.0.1:2181\nserver.2=127.0.0.1:2889:3889;2182",
            "zoo.cfg");

        Assert.Equal("127.0.0.1", config.Peers[0].ClientAddress);
        Assert.Equal(2181, config.Peers[0].ClientPort);
        Assert.Null(config.Peers[1].ClientAddress);
        Assert.Equal(2182, config.Peers[1].ClientPort);
    }
}
