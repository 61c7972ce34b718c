using System.Globalization;
using System.Text;

namespace ActorZk.Cli.Commands;

/// <summary><c>history</c>: the last lines, "N - line", this one included (zkCli prints "null" for a missing one).</summary>
internal sealed class HistoryCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public HistoryCommand()
        : base("history", string.Empty)
    {
    }

    /// <inheritdoc />
    public override bool IsShellCommand => true;

    /// <inheritdoc />
    public override Task ExecuteAsync(CommandContext context, string[] words)
    {
        var shell = context.Shell;
        var text = new StringBuilder();
        for (var i = Math.Max(0, shell.CommandCount - 10); i <= shell.CommandCount; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(" - ").Append(shell.HistoryLine(i) ?? "null").Append('\n');
        }

        context.Out.Write(text.ToString());
        return Task.CompletedTask;
    }
}
