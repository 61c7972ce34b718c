using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Commands;

/// <summary><c>redo cmdno</c>: runs an earlier line again (not another redo); the number may be decimal, 0x hex or octal.</summary>
internal sealed class RedoCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public RedoCommand()
        : base("redo", "cmdno")
    {
    }

    /// <inheritdoc />
    public override bool IsShellCommand => true;

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        if (words.Length < 2)
        {
            // zkCli silently does nothing.
            return;
        }

        if (!JavaText.TryDecodeInt(words[1], out var index))
        {
            // zkCli dies with an uncaught NumberFormatException; the shell reports its line instead.
            throw new CliException(JavaText.NumberFormatError(words[1]));
        }

        var shell = context.Shell;
        if (index >= shell.CommandCount || index < 0)
        {
            throw new CliException("Command index out of range");
        }

        var line = shell.HistoryLine(index) ?? string.Empty;
        var redone = CommandLineTokenizer.Tokenize(line);
        if (redone.Count > 0 && redone[0] == "redo")
        {
            throw new CliException("No redoing redos");
        }

        await shell.RedoAsync(line);
    }
}
