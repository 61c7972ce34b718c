namespace ActorZk.Cli.Commands;

/// <summary><c>close</c>: closes the session (its Closed event is printed); later commands say "Not connected".</summary>
internal sealed class CloseCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public CloseCommand()
        : base("close", string.Empty)
    {
    }

    /// <inheritdoc />
    public override Task ExecuteAsync(CommandContext context, string[] words) => context.Session.CloseAsync();
}
