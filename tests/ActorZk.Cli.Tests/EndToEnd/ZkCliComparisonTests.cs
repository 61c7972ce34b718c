using ActorZk.Cli.Tests.Infrastructure;

namespace ActorZk.Cli.Tests.EndToEnd;

/// <summary>The real zkCli.sh and ActorZk.Cli run the same scripts against the same Apache ZooKeeper.</summary>
/// <remarks>
/// zkCli prints watch events from its event thread, so where an event lands among the command output (and, around
/// <c>printwatches</c>, whether it is printed at all) is a race in zkCli. The comparison therefore takes the command
/// output in order and the events as a set; the scenario tests check ActorZk.Cli's exact, deterministic order.
/// </remarks>
public sealed class ZkCliComparisonTests(ServersFixture servers) : EndToEndTest(servers)
{
    private const string EventHeader = "WATCHER::";

    [ZkCliFact]
    public async Task Piped_scripts_print_the_same_as_zkCli()
    {
        var server = Servers.Apache;
        var watchesWithoutPrintwatches = string.Join(
            '\n',
            Scripts.Lf(Scripts.Watches).Split('\n').Where(line => !line.StartsWith("printwatches", StringComparison.Ordinal)));
        foreach (var script in new[] { Scripts.Walkthrough, Scripts.Errors, watchesWithoutPrintwatches, Scripts.Tour })
        {
            await ServersFixture.ResetAsync(server);
            var zkCli = await CliRunner.RunZkCliAsync(["-server", server.Hosts], Scripts.Lf(script) + "\n");
            var ours = await RunScriptAsync(server, script);
            AssertSameOutput(zkCli, ours, server.Port);
        }
    }

    [ZkCliFact]
    public async Task One_command_runs_print_the_same_as_zkCli()
    {
        var server = Servers.Apache;
        await ServersFixture.ResetAsync(server);
        var setup = await CliRunner.RunAsync(["-server", server.Hosts, "create", "/one", "some data"]);
        Assert.Equal(0, setup.ExitCode);

        // Each command runs twice on the same tree, so only commands that change nothing are compared.
        string[][] commands =
        [
            ["get", "-s", "/one"],
            ["ls", "-s", "/"],
            ["create", "/one"],
            ["delete", "-v", "7", "/one"],
            ["getAcl", "/one"],
            ["ls", "/missing"],
        ];
        foreach (var command in commands)
        {
            var zkCli = await CliRunner.RunZkCliAsync(["-server", server.Hosts, .. command]);
            var ours = await CliRunner.RunAsync(["-server", server.Hosts, .. command]);
            AssertSameOutput(zkCli, ours, server.Port);
        }
    }

    private static void AssertSameOutput(CliRun zkCli, CliRun ours, int port)
    {
        var (zkCliLines, zkCliEvents) = Split(zkCli.NormalizedOut(port));
        var (ourLines, ourEvents) = Split(ours.NormalizedOut(port));
        Assert.Equal(zkCliLines, ourLines);
        Assert.Equal(zkCliEvents, ourEvents);
        Assert.Equal(zkCli.NormalizedErr(port), ours.NormalizedErr(port));
        Assert.Equal(zkCli.ExitCode, ours.ExitCode);
    }

    // Separates the event blocks ("", "WATCHER::", "", "WatchedEvent ...") from the rest of standard output.
    private static (List<string> Lines, List<string> Events) Split(string output)
    {
        var lines = output.Split('\n').ToList();
        var events = new List<string>();
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i] == EventHeader && i > 0 && i + 2 < lines.Count)
            {
                events.Add(lines[i + 2]);
                lines.RemoveRange(i - 1, 4);
            }
        }

        events.Sort(StringComparer.Ordinal);
        return (lines, events);
    }
}
