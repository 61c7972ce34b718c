using ActorZk.Cli.Formatting;

namespace ActorZk.Cli.Tests.Formatting;

/// <summary>Expected texts were printed by ZooKeeper 3.8's ConfigUtils.getClientConfigStr for the same input.</summary>
public sealed class ClientConfigTests
{
    [Theory]
    [InlineData("", " ")]
    [InlineData("server.1=127.0.0.1:2888:3888:participant;0.0.0.0:2181\nversion=100000000", "100000000 0.0.0.0:2181")]
    [InlineData(
        "server.1=127.0.0.1:2888:3888:participant;127.0.0.1:2181\nserver.2=127.0.0.1:2889:3889:participant;127.0.0.1:2182\nserver.3=127.0.0.1:2890:3890:participant;2183\nversion=a00000001",
        "a00000001 127.0.0.1:2182,127.0.0.1:2181,0.0.0.0:2183")]
    [InlineData("version=1\nserver.10=h:1:2;3\nserver.2=h:1:2;4\nserver.3=h:1:2\nserver.11=h:1:2;5", "1 0.0.0.0:3,0.0.0.0:5,0.0.0.0:4,")]
    public void Lists_client_addresses_in_Javas_order(string config, string expected) => Assert.Equal(expected, ClientConfig.Format(config));
}
