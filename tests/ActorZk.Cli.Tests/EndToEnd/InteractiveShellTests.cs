using ActorZk.Cli.Tests.Infrastructure;
using ActorZk.Cli.Tests.Terminal;

namespace ActorZk.Cli.Tests.EndToEnd;

/// <summary>The interactive shell on a (scripted) terminal: prompt, line editing, history and completion.</summary>
public sealed class InteractiveShellTests(ServersFixture servers) : EndToEndTest(servers)
{
    [Fact]
    public async Task Prompts_completes_znodes_and_recalls_history()
    {
        var server = Servers.ActorZk;
        await ServersFixture.ResetAsync(server);
        var terminal = new FakeTerminal()
            .Type("create /interactive \"hello there\"\n")
            .Type("ls /\n")
            .Type("get /inter\t\n")
            .Press(FakeTerminal.Key(ConsoleKey.UpArrow))
            .Type("\n")
            .Type("quit\n");
        var run = await CliRunner.RunAsync(["-server", server.Hosts], terminal: terminal);

        Assert.Equal(
            "Connecting to 127.0.0.1:PORT\nWelcome to ZooKeeper!\nJLine support is enabled\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n"
            + "[interactive, zookeeper]\nhello there\nhello there\n\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null\n",
            run.NormalizedOut(server.Port));
        Assert.Equal("Created /interactive\n", run.Err);
        var screen = CliRun.Normalize(terminal.Screen, server.Port);
        Assert.Contains("[zk: 127.0.0.1:PORT(CONNECTED) 1] ", screen, StringComparison.Ordinal);
        Assert.Contains("[zk: 127.0.0.1:PORT(CONNECTED) 4] ", screen, StringComparison.Ordinal);
        Assert.Contains("get /interactive", screen, StringComparison.Ordinal);
    }
}
