using ActorZk.Cli.Commands;
using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Cli.Session;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Shell;

/// <summary>
/// zkCli's command processing (its <c>ZooKeeperMain</c>): numbers and remembers each non-empty line, finds the
/// command, reports unknown ones with the usage, refuses server commands with "Not connected" once the session is
/// closed, prints failures on stderr and keeps the exit status of the last command.
/// </summary>
internal sealed class ZkShell : IShellState
{
    private readonly CommandRegistry registry;
    private readonly Dictionary<int, string> history = [];
    private readonly CommandContext context;
    private bool quitRequested;

    /// <summary>Creates the shell.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="session">The session.</param>
    /// <param name="zone">The time zone of printed times.</param>
    /// <param name="registry">The commands.</param>
    public ZkShell(TextWriter output, TextWriter error, ZkSession session, TimeZoneInfo zone, CommandRegistry registry)
    {
        this.registry = registry;
        context = new CommandContext(output, error, session, this, zone);
    }

    /// <inheritdoc />
    public int CommandCount { get; private set; }

    /// <summary>The exit status of the last command: 0, 1 for a failure, 127 for an unknown command.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Whether <c>quit</c> was run.</summary>
    public bool QuitRequested => quitRequested;

    /// <summary>zkCli's prompt: <c>[zk: host:port(CONNECTED) 3] </c>.</summary>
    public string Prompt => $"[zk: {context.Session.Host}({context.Session.StateName}) {CommandCount}] ";

    /// <summary>Runs one line typed or read from standard input; empty lines are ignored and not numbered.</summary>
    /// <param name="line">The line.</param>
    /// <returns>Completes when the command has run.</returns>
    public async Task ExecuteLineAsync(string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        history[CommandCount] = line;
        await ProcessAsync(CommandLineTokenizer.Tokenize(line));
        CommandCount++;
    }

    /// <summary>Runs the command given on the process command line (words already split by the calling shell).</summary>
    /// <param name="words">The command and its arguments.</param>
    /// <returns>Completes when the command has run.</returns>
    public Task ExecuteCommandAsync(IReadOnlyList<string> words) => ProcessAsync(words);

    /// <inheritdoc />
    public string? HistoryLine(int index) => history.GetValueOrDefault(index);

    /// <inheritdoc />
    public Task RedoAsync(string line)
    {
        history[CommandCount] = line;
        return ProcessAsync(CommandLineTokenizer.Tokenize(line));
    }

    /// <inheritdoc />
    public void RequestQuit() => quitRequested = true;

    private async Task ProcessAsync(IReadOnlyList<string> words)
    {
        try
        {
            await ProcessCoreAsync(words);

            // quit keeps the status of the command before it, since zkCli exits before recording its own.
            if (!quitRequested)
            {
                ExitCode = 0;
            }
        }
        catch (CliException e)
        {
            Report(e.Message, e.ExitCode);
        }
        catch (KeeperException e)
        {
            // A request failed in a place no command anticipated; report it as zkCli's CliWrapperException would.
            Report(KeeperErrorText.CliMessage(e.ErrorCode, e.Path), CliException.DefaultExitCode);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException)
        {
            Report(e.Message, CliException.DefaultExitCode);
        }
    }

    private void Report(string message, int exitCode)
    {
        ExitCode = exitCode;
        context.Err.Write(message + "\n");
    }

    private async Task ProcessCoreAsync(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            // A line with nothing but a stray quote. zkCli would re-run the previous command here; that is a bug
            // worth not copying (the previous command may be a delete), so this reports it as its dead branch does.
            context.Err.Write(registry.Usage());
            throw new CliException("No command entered");
        }

        var name = words[0];
        if (!registry.TryGet(name, out var command))
        {
            context.Err.Write(registry.Usage());
            throw new CliException("Command not found: Command not found " + name, CliException.CommandNotFoundExitCode);
        }

        var arguments = words.ToArray();
        if (command.IsShellCommand)
        {
            await command.ExecuteAsync(context, arguments);
            if (quitRequested)
            {
                return;
            }
        }

        // As zkCli, checked after the shell-level commands too: "history" on a closed session also says it.
        if (!context.Session.IsAlive)
        {
            context.Out.Write("Not connected\n");
            return;
        }

        if (!command.IsShellCommand)
        {
            await command.ExecuteAsync(context, arguments);
        }
    }
}
