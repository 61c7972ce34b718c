using ActorZk.Cli.Commands;
using ActorZk.Cli.Tests.Infrastructure;

namespace ActorZk.Cli.Tests.Shell;

/// <summary>What the shell does without a server: parsing errors, shell-level commands, and a server that is down.</summary>
public sealed class OfflineShellTests
{
    // Nothing listens on port 1; commands that need the server are not run here, except on purpose.
    private static readonly string[] Nowhere = ["-server", "127.0.0.1:1", "-timeout", "1000"];

    private static readonly string Usage = new CommandRegistry().Usage();

    [Fact]
    public async Task An_unknown_command_prints_the_usage_and_exits_127()
    {
        var run = await CliRunner.RunAsync([.. Nowhere, "help"]);
        Assert.Equal("Connecting to 127.0.0.1:1\n", run.Out);
        Assert.Equal(Usage + "Command not found: Command not found help\n", run.Err);
        Assert.Equal(127, run.ExitCode);
    }

    [Theory]
    [InlineData("create nope", "Path must start with / character")]
    [InlineData("get /a//b", "Invalid path string \"/a//b\" caused by empty node name specified @3")]
    [InlineData("ls", "ls [-s] [-w] [-R] path")]
    [InlineData("set /x", "set [-s] [-v version] path data")]
    [InlineData("ls -x /", "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x")]
    [InlineData("delete -v", "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v")]
    [InlineData("create -c -s /x", "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.")]
    [InlineData("create -t abc /x", "-t argument must be a long value")]
    [InlineData("create -e -t 10 /x", "TTLs cannot be used with Ephemeral znodes")]
    [InlineData("create -c -t 10 /x", "TTLs cannot be used with Container znodes")]
    [InlineData("create -t 0 /x", "ttl must be positive and cannot be larger than: 1099511627775")]
    [InlineData("deleteall /x -b many", "-b argument must be an int value")]
    [InlineData("addWatch -m sometimes /x", "addWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE")]
    [InlineData("set -v abc /x data", "java.lang.NumberFormatException: For input string: \"abc\"")]
    public async Task Argument_errors_are_reported_as_zkCli_does_and_exit_1(string command, string error)
    {
        var run = await CliRunner.RunAsync([.. Nowhere, .. command.Split(' ')]);
        Assert.Equal(error + "\n", run.Err);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Acl_warnings_come_before_the_path_error()
    {
        var run = await CliRunner.RunAsync([.. Nowhere, "create", "bad", "x", "bogus,world:anyone:rz"]);
        Assert.Equal("bogus does not have the form scheme:id:perm\nUnknown perm type: z\nPath must start with / character\n", run.Err);
    }

    [Fact]
    public async Task Reads_commands_from_redirected_input_with_history_and_redo()
    {
        var script = string.Join('\n', "printwatches off", "printwatches", "", "redo 99", "redo 1", "redo abc", "history", "\"", "   ", "quit", "ls /");
        var run = await CliRunner.RunAsync(Nowhere, script + "\n");
        Assert.Equal(
            string.Join(
                '\n',
                "Connecting to 127.0.0.1:1",
                "Welcome to ZooKeeper!",
                "JLine support is disabled",
                "printwatches is off",
                "printwatches is off",
                "0 - printwatches off",
                "1 - printwatches",
                "2 - redo 99",
                "3 - printwatches",
                "4 - redo abc",
                "5 - history",
                string.Empty),
            run.Out);
        Assert.Equal(
            "Command index out of range\n"
            + "java.lang.NumberFormatException: For input string: \"abc\"\n"
            + Usage + "No command entered\n"
            + Usage + "Command not found: Command not found  \n",
            run.Err);

        // quit exits with the status of the command before it; "ls /" after it is never run.
        Assert.Equal(127, run.ExitCode);
    }

    [Fact]
    public async Task A_server_that_is_down_fails_commands_with_ConnectionLoss()
    {
        var run = await CliRunner.RunAsync([.. Nowhere, "ls", "/"]);
        Assert.Equal("Connecting to 127.0.0.1:1\n", run.Out);
        Assert.Equal("KeeperErrorCode = ConnectionLoss for /\n", run.Err);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Close_leaves_the_shell_not_connected_even_after_shell_commands()
    {
        var run = await CliRunner.RunAsync(Nowhere, "close\nls /\nhistory\n");
        Assert.EndsWith("Not connected\n0 - close\n1 - ls /\n2 - history\nNot connected\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
    }
}
