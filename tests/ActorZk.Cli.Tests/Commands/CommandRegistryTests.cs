using ActorZk.Cli.Commands;

namespace ActorZk.Cli.Tests.Commands;

public sealed class CommandRegistryTests
{
    // What zkCli 3.8.0 prints on stderr for an unknown command. Written with escapes because the tabs and the
    // trailing blanks after argument-less commands are part of it.
    private static readonly string[] ZkCliUsage =
    [
        "ZooKeeper -server host:port -client-configuration properties-file cmd args",
        "\taddWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE",
        "\taddauth scheme auth",
        "\tclose ",
        "\tconfig [-c] [-w] [-s]",
        "\tconnect host:port",
        "\tcreate [-s] [-e] [-c] [-t ttl] path [data] [acl]",
        "\tdelete [-v version] path",
        "\tdeleteall path [-b batch size]",
        "\tdelquota [-n|-b|-N|-B] path",
        "\tget [-s] [-w] path",
        "\tgetAcl [-s] path",
        "\tgetAllChildrenNumber path",
        "\tgetEphemerals path",
        "\thistory ",
        "\tlistquota path",
        "\tls [-s] [-w] [-R] path",
        "\tprintwatches on|off",
        "\tquit ",
        "\treconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]",
        "\tredo cmdno",
        "\tremovewatches path [-c|-d|-a] [-l]",
        "\tset [-s] [-v version] path data",
        "\tsetAcl [-s] [-v version] [-R] path acl",
        "\tsetquota -n|-b|-N|-B val path",
        "\tstat [-w] path",
        "\tsync path",
        "\tversion ",
        "\twhoami ",
    ];

    [Fact]
    public void Lists_the_usage_exactly_as_zkCli() => Assert.Equal(string.Join("\n", ZkCliUsage) + "\n", new CommandRegistry().Usage());

}
