using ActorZk.Cli.Tests.Infrastructure;

namespace ActorZk.Cli.Tests.EndToEnd;

/// <summary>The executable itself (what <c>dotnet run --project src/ActorZk.Cli</c> starts): exit status and streams.</summary>
public sealed class ProcessTests(ServersFixture servers) : EndToEndTest(servers)
{
    [Fact]
    public async Task One_command_exits_with_its_status()
    {
        var server = Servers.ActorZk;
        await ServersFixture.ResetAsync(server);
        var missing = await CliRunner.RunProcessAsync(["-server", server.Hosts, "get", "/nope"]);
        Assert.Equal(("Node does not exist: /nope\n", 1), (missing.Err, missing.ExitCode));

        var unknown = await CliRunner.RunProcessAsync(["-server", server.Hosts, "frobnicate"]);
        Assert.Equal(127, unknown.ExitCode);

        var ls = await CliRunner.RunProcessAsync(["-server", server.Hosts, "ls", "/"]);
        Assert.Equal((0, true), (ls.ExitCode, ls.Out.EndsWith("[zookeeper]\n", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reads_commands_from_a_pipe()
    {
        var server = Servers.ActorZk;
        await ServersFixture.ResetAsync(server);
        var run = await CliRunner.RunProcessAsync(["-server", server.Hosts], Scripts.Lf(Scripts.Walkthrough) + "\n");
        Assert.Equal(Scripts.Lf(Scripts.Banner + Scripts.WalkthroughOut), run.NormalizedOut(server.Port));
        Assert.Equal("Created /test\n", run.Err);
        Assert.Equal(0, run.ExitCode);
    }
}
