namespace ActorZk.Cli.Commands;

/// <summary><c>quit</c>: closes the session (its Closed event is printed) and ends the shell with the last status.</summary>
internal sealed class QuitCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public QuitCommand()
        : base("quit", string.Empty)
    {
    }

    /// <inheritdoc />
    public override bool IsShellCommand => true;

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        await context.Session.CloseAsync();
        context.Shell.RequestQuit();
    }
}
