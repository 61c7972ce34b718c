using ActorZk.Cli.Tests.Infrastructure;

namespace ActorZk.Cli.Tests.EndToEnd;

/// <summary>Base of the end-to-end tests: the shared servers, each test starting from an empty tree.</summary>
[Collection(ServersCollection.Name)]
public abstract class EndToEndTest
{
    private protected EndToEndTest(ServersFixture servers)
    {
        Servers = servers;
    }

    /// <summary>The servers.</summary>
    public ServersFixture Servers { get; }

    /// <summary>Empties the server's tree, then runs <paramref name="script"/> through ActorZk.Cli piped into it.</summary>
    private protected static async Task<CliRun> RunScriptAsync(ZooKeeperProcess server, string script)
    {
        await ServersFixture.ResetAsync(server);
        return await CliRunner.RunScriptAsync(server.Hosts, Scripts.Lf(script) + "\n");
    }

    /// <summary>Runs ActorZk.Cli with one command on its command line, as <c>zkCli.sh -server ... cmd args</c>.</summary>
    private protected static Task<CliRun> RunCommandAsync(ZooKeeperProcess server, params string[] command)
        => CliRunner.RunAsync(["-server", server.Hosts, .. command]);
}
