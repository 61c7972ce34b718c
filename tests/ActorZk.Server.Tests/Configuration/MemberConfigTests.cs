using ActorZk.Server.Configuration;
using ActorZk.Server.Tests.Hosting;
using Xunit;

namespace ActorZk.Server.Tests.Configuration;

/// <summary>A member of an ensemble as ZooKeeper users configure it: zoo.cfg with server.N lines plus dataDir/myid.</summary>
public sealed class MemberConfigTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("actorzk-member-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string DataDir => Path.Combine(directory, "data");

    private string MyIdPath => Path.Combine(DataDir, "myid");

    private string Write(string servers, string? myId, string extra = "")
    {
        Directory.CreateDirectory(DataDir);
        if (myId is not null)
        {
            File.WriteAllText(MyIdPath, myId);
        }

        var path = Path.Combine(directory, "zoo.cfg");
        File.WriteAllText(path, $"tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir={DataDir}\n{extra}{servers}");
        return path;
    }

    private const string ThreeServers = "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890:observer\n";

    [Fact]
    public void ReadsMyIdWithBlanksAroundIt()
    {
        var path = Write(ThreeServers, " 2 \n", "clientPort=2182\n");

        var (config, warnings) = ZooCfgParser.ParseFile(path);

        Assert.Empty(warnings);
        Assert.Equal(2, config.MyId);
        Assert.False(config.IsStandalone);
        Assert.Equal(2182, config.ClientPort);
        Assert.Equal(10, config.InitLimit);
        Assert.Equal(5, config.SyncLimit);
        Assert.Equal(2000, config.TickTime);
    }

    [Fact]
    public void StandaloneNeedsNoMyId()
    {
        var path = Write("", null, "clientPort=2181\n");

        var (config, _) = ZooCfgParser.ParseFile(path);

        Assert.True(config.IsStandalone);
        Assert.Equal(0, config.MyId);
    }

    [Fact]
    public void AMissingMyIdIsNamed()
    {
        var path = Write(ThreeServers, null);

        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.ParseFile(path));

        Assert.Equal($"{MyIdPath} is missing; a member of an ensemble needs its server id there", e.Message);
    }

    [Theory]
    [InlineData("one")]
    [InlineData("0")]
    [InlineData("256")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("1 2")]
    public void AMyIdThatIsNotAServerIdIsNamed(string text)
    {
        var path = Write(ThreeServers, text);

        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.ParseFile(path));

        Assert.Equal($"{MyIdPath}:1: '{text.Trim()}' is not a server id (a number from 1 to 255)", e.Message);
    }

    [Fact]
    public void AMyIdThatIsNotListedIsNamed()
    {
        var path = Write(ThreeServers, "7");

        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.ParseFile(path));

        Assert.Equal($"{MyIdPath}: server id 7 is not in the server.N list of {path} (listed: 1, 2, 3)", e.Message);
    }

    [Fact]
    public void TheServerLineSuppliesTheClientPort()
    {
        var path = Write("server.1=127.0.0.1:2888:3888;127.0.0.1:2191\nserver.2=127.0.0.1:2889:3889;2192\n", "1");

        var (config, _) = ZooCfgParser.ParseFile(path);

        Assert.Equal(2191, config.ClientPort);
        Assert.Equal("127.0.0.1", config.ClientPortAddress);
    }

    [Fact]
    public void AClientPortThatAgreesWithTheServerLineIsFine()
    {
        var path = Write("server.1=127.0.0.1:2888:3888;2191\nserver.2=127.0.0.1:2889:3889;2192\n", "2", "clientPort=2192\nclientPortAddress=127.0.0.1\n");

        var (config, _) = ZooCfgParser.ParseFile(path);

        Assert.Equal(2192, config.ClientPort);
        Assert.Equal("127.0.0.1", config.ClientPortAddress);
    }

    [Fact]
    public void AClientPortThatDisagreesWithTheServerLineIsNamed()
    {
        var path = Write("server.1=127.0.0.1:2888:3888;2191\nserver.2=127.0.0.1:2889:3889;2192\n", "1", "clientPort=2181\n");

        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.ParseFile(path));

        Assert.Equal(
            $"{path}:6: server.1: the client address 0.0.0.0:2191 differs from clientPortAddress/clientPort 0.0.0.0:2181; give one or make them agree",
            e.Message);
    }

    [Fact]
    public void AClientAddressThatDisagreesWithTheServerLineIsNamed()
    {
        var path = Write("server.1=127.0.0.1:2888:3888;127.0.0.2:2191\nserver.2=127.0.0.1:2889:3889\n", "1", "clientPortAddress=127.0.0.3\n");

        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.ParseFile(path));

        Assert.Equal(
            $"{path}:6: server.1: the client address 127.0.0.2:2191 differs from clientPortAddress/clientPort 127.0.0.3:2181; give one or make them agree",
            e.Message);
    }

    [Fact]
    public void AClientPortThatIsAQuorumPortOnTheSameHostIsNamed()
    {
        var path = Write(ThreeServers, "1", "clientPort=3889\n");

        var e = Assert.Throws<ConfigException>(() => ZooCfgParser.ParseFile(path));

        Assert.Equal($"{path}: clientPort 3889 of server.1 is also a quorum or election port of server.2 (127.0.0.1:2889:3889)", e.Message);
    }

    [Fact]
    public void PeerTypeThatDisagreesWithTheServerListWarnsAndTheListWins()
    {
        var observer = Write(ThreeServers, "3", "peerType=participant\n");
        var (asObserver, observerWarnings) = ZooCfgParser.ParseFile(observer);
        var participant = Write(ThreeServers, "1", "peerType=observer\n");
        var (asParticipant, participantWarnings) = ZooCfgParser.ParseFile(participant);

        Assert.True(asObserver.IsObserverPeerType);
        Assert.Equal(
            [$"{observer}: peerType=participant does not match server.3, which is an observer; using the server list's role, as ZooKeeper does"],
            observerWarnings);
        Assert.False(asParticipant.IsObserverPeerType);
        Assert.Single(participantWarnings);
    }

    [Fact]
    public async Task TheServerExitsWithOneAndTheMessageWhenMyIdIsMissing()
    {
        var path = Write(ThreeServers, null, "clientPort=2199\n");
        using var server = ServerProcess.Start(directory, path);

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains($"Invalid configuration: {MyIdPath} is missing; a member of an ensemble needs its server id there", server.Output);
    }
}
