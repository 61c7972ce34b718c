using ActorZk.Cli.Tests.Infrastructure;

namespace ActorZk.Cli.Tests.EndToEnd;

/// <summary>
/// ActorZk.Cli prints what zkCli 3.8.0 prints, against ActorZk and against Apache ZooKeeper alike: each scenario runs
/// on both servers and is checked against zkCli's captured output.
/// </summary>
public sealed class ZkCliOutputTests(ServersFixture servers) : EndToEndTest(servers)
{
    [Fact]
    public Task Article_walkthrough_on_ActorZk() => WalkthroughAsync(Servers.ActorZk);

    [ApacheFact]
    public Task Article_walkthrough_on_Apache_ZooKeeper() => WalkthroughAsync(Servers.Apache);

    [Fact]
    public Task Article_walkthrough_one_command_per_run_on_ActorZk() => WalkthroughOneShotAsync(Servers.ActorZk);

    [ApacheFact]
    public Task Article_walkthrough_one_command_per_run_on_Apache_ZooKeeper() => WalkthroughOneShotAsync(Servers.Apache);

    [Fact]
    public Task Error_lines_on_ActorZk() => ErrorsAsync(Servers.ActorZk);

    [ApacheFact]
    public Task Error_lines_on_Apache_ZooKeeper() => ErrorsAsync(Servers.Apache);

    [Fact]
    public Task Watch_events_on_ActorZk() => WatchesAsync(Servers.ActorZk);

    [ApacheFact]
    public Task Watch_events_on_Apache_ZooKeeper() => WatchesAsync(Servers.Apache);

    [Fact]
    public Task Command_tour_on_ActorZk() => TourAsync(Servers.ActorZk);

    [ApacheFact]
    public Task Command_tour_on_Apache_ZooKeeper() => TourAsync(Servers.Apache);

    [ApacheFact]
    public async Task Both_servers_give_the_same_output()
    {
        foreach (var script in new[] { Scripts.Walkthrough, Scripts.Errors, Scripts.Watches, Scripts.Tour })
        {
            var actorZk = await RunScriptAsync(Servers.ActorZk, script);
            var apache = await RunScriptAsync(Servers.Apache, script);
            Assert.Equal(apache.NormalizedOut(Servers.Apache.Port), actorZk.NormalizedOut(Servers.ActorZk.Port));
            Assert.Equal(apache.NormalizedErr(Servers.Apache.Port), actorZk.NormalizedErr(Servers.ActorZk.Port));
            Assert.Equal(apache.ExitCode, actorZk.ExitCode);
        }
    }

    private static async Task WalkthroughAsync(ZooKeeperProcess server)
    {
        var run = await RunScriptAsync(server, Scripts.Walkthrough);
        Assert.Equal(Scripts.Lf(Scripts.Banner + Scripts.WalkthroughOut), run.NormalizedOut(server.Port));
        Assert.Equal("Created /test\n", run.Err);
        Assert.Equal(0, run.ExitCode);
    }

    private static async Task WalkthroughOneShotAsync(ZooKeeperProcess server)
    {
        await ServersFixture.ResetAsync(server);
        var connected = "Connecting to 127.0.0.1:PORT\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n";

        var create = await RunCommandAsync(server, "create", "/test", "hello_world");
        Assert.Equal((connected, "Created /test\n", 0), (create.NormalizedOut(server.Port), create.Err, create.ExitCode));

        var ls = await RunCommandAsync(server, "ls", "/");
        Assert.Equal((connected + "[test, zookeeper]\n", 0), (ls.NormalizedOut(server.Port), ls.ExitCode));

        // The calling shell groups the words; zkCli takes them as they come.
        var set = await RunCommandAsync(server, "set", "/test", "freebsd journal");
        Assert.Equal((connected, string.Empty, 0), (set.NormalizedOut(server.Port), set.Err, set.ExitCode));

        var get = await RunCommandAsync(server, "get", "/test");
        Assert.Equal((connected + "freebsd journal\n", 0), (get.NormalizedOut(server.Port), get.ExitCode));

        var delete = await RunCommandAsync(server, "delete", "/test");
        Assert.Equal(0, delete.ExitCode);

        var missing = await RunCommandAsync(server, "get", "/test");
        Assert.Equal(("Node does not exist: /test\n", 1), (missing.Err, missing.ExitCode));
    }

    private static async Task ErrorsAsync(ZooKeeperProcess server)
    {
        var run = await RunScriptAsync(server, Scripts.Errors);
        Assert.Equal(Scripts.Lf(Scripts.Banner), run.NormalizedOut(server.Port));
        Assert.Equal(Scripts.Lf(Scripts.ErrorsErr), run.Err);
        Assert.Equal(1, run.ExitCode);
    }

    private static async Task WatchesAsync(ZooKeeperProcess server)
    {
        var run = await RunScriptAsync(server, Scripts.Watches);
        Assert.Equal(Scripts.Lf(Scripts.Banner + Scripts.WatchesOut), run.NormalizedOut(server.Port));
        Assert.Equal(Scripts.Lf(Scripts.WatchesErr), run.Err);
        Assert.Equal(0, run.ExitCode);
    }

    private static async Task TourAsync(ZooKeeperProcess server)
    {
        var run = await RunScriptAsync(server, Scripts.Tour);
        var output = run.NormalizedOut(server.Port);
        Assert.StartsWith(Scripts.Lf(Scripts.Banner), output, StringComparison.Ordinal);
        foreach (var sample in Scripts.TourOutSamples)
        {
            Assert.Contains(sample, output, StringComparison.Ordinal);
        }

        Assert.Equal(Scripts.Lf(Scripts.TourErr), run.Err);
        Assert.Equal(0, run.ExitCode);
    }
}
