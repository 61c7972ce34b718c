using ActorZk.Cli.Commands;
using ActorZk.Cli.Session;
using ActorZk.Cli.Shell;
using ActorZk.Cli.Terminal;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli;

/// <summary>
/// The shell's three modes, chosen as zkCli chooses them: a command on the command line runs and exits with its
/// status; otherwise commands are read one per line, with line editing and a prompt on a terminal and silently from
/// redirected standard input.
/// </summary>
internal static class CliApplication
{
    /// <summary>Runs the shell.</summary>
    /// <param name="args">zkCli's arguments.</param>
    /// <param name="console">The streams and, when interactive, the terminal.</param>
    /// <param name="zone">The time zone of printed times (the local one by default).</param>
    /// <returns>The exit status: that of the last command.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, TimeZoneInfo? zone = null)
    {
        // Watch events arrive on the client's thread while a command prints: each write must stay whole.
        var output = TextWriter.Synchronized(console.Out);
        var error = TextWriter.Synchronized(console.Err);
        var options = LaunchOptions.Parse(args);
        foreach (var warning in options.Warnings)
        {
            error.Write(warning + "\n");
        }

        output.Write("Connecting to " + options.Server + "\n");
        if (options.Error is { } fatal)
        {
            error.Write(fatal + "\n");
            return CliException.DefaultExitCode;
        }

        await using var session = new ZkSession(output, new SessionSettings(options.TimeoutMs, options.ReadOnly));
        if (options.WaitForConnection)
        {
            session.Connect(options.Server);
            if (!await WaitForConnectionAsync(session, error))
            {
                return CliException.DefaultExitCode;
            }
        }

        var registry = new CommandRegistry();
        var shell = new ZkShell(output, error, session, zone ?? TimeZoneInfo.Local, registry);
        if (options.Command is { } command)
        {
            StartConnecting(session, options);
            await shell.ExecuteCommandAsync(command);
            return shell.ExitCode;
        }

        output.Write("Welcome to ZooKeeper!\n");
        output.Write(console.Terminal is null ? "JLine support is disabled\n" : "JLine support is enabled\n");

        // zkCli starts connecting before this banner and prints the connection event whenever it comes; starting
        // after it puts the event in the place where zkCli's almost always lands, every time.
        StartConnecting(session, options);
        if (console.Terminal is { } terminal)
        {
            var editor = new LineEditor(terminal, new Completer(registry.Names, path => ListChildrenAsync(session, path)));
            while (!shell.QuitRequested && await editor.ReadLineAsync(shell.Prompt) is { } line)
            {
                await shell.ExecuteLineAsync(line);
            }
        }
        else
        {
            while (!shell.QuitRequested && await console.In.ReadLineAsync() is { } line)
            {
                await shell.ExecuteLineAsync(line);
            }
        }

        return shell.ExitCode;
    }

    private static void StartConnecting(ZkSession session, LaunchOptions options)
    {
        if (!options.WaitForConnection)
        {
            session.Connect(options.Server);
        }
    }

    private static async Task<bool> WaitForConnectionAsync(ZkSession session, TextWriter error)
    {
        try
        {
            await session.GetClientAsync(null);
            return true;
        }
        catch (KeeperException)
        {
            // zkCli's constructor throws IOException(ConnectionLossException) here.
            error.Write("KeeperErrorCode = ConnectionLoss\n");
            return false;
        }
    }

    // Tab completion never connects or waits long: without a session, or when listing fails, there is nothing to offer.
    private static async Task<IReadOnlyList<string>> ListChildrenAsync(ZkSession session, string path)
    {
        if (session.CurrentClient is not { } client)
        {
            return [];
        }

        try
        {
            return await client.GetChildrenAsync(path).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is KeeperException or ArgumentException or TimeoutException)
        {
            return [];
        }
    }
}
