namespace ActorZk.Cli.Commands;

/// <summary><c>connect [host:port]</c>: closes the current session (if alive) and connects again, in the background.</summary>
internal sealed class ConnectCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public ConnectCommand()
        : base("connect", "host:port")
    {
    }

    /// <inheritdoc />
    public override bool IsShellCommand => true;

    /// <inheritdoc />
    public override Task ExecuteAsync(CommandContext context, string[] words)
        => context.Session.ReconnectAsync(words.Length >= 2 ? words[1] : context.Session.Host);
}
