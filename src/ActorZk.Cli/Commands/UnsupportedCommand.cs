namespace ActorZk.Cli.Commands;

/// <summary>
/// A zkCli command this shell knows by name but does not implement (quotas, reconfig): listed in the usage as
/// zkCli lists it, and failing with a clear message rather than "Command not found".
/// </summary>
internal sealed class UnsupportedCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="name">The command word.</param>
    /// <param name="optionsUsage">zkCli's usage after the name.</param>
    public UnsupportedCommand(string name, string optionsUsage)
        : base(name, optionsUsage)
    {
    }

    /// <inheritdoc />
    public override Task ExecuteAsync(CommandContext context, string[] words)
        => throw new CliException($"{Name} is not supported by this shell");
}
