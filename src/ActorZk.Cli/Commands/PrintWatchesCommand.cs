namespace ActorZk.Cli.Commands;

/// <summary><c>printwatches on|off</c>: whether watch events are printed; without argument, the current setting.</summary>
internal sealed class PrintWatchesCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public PrintWatchesCommand()
        : base("printwatches", "on|off")
    {
    }

    /// <inheritdoc />
    public override bool IsShellCommand => true;

    /// <inheritdoc />
    public override Task ExecuteAsync(CommandContext context, string[] words)
    {
        if (words.Length == 1)
        {
            Println(context.Out, "printwatches is " + (context.Session.PrintWatches ? "on" : "off"));
        }
        else
        {
            // As zkCli: anything but "on" turns them off.
            context.Session.PrintWatches = words[1] == "on";
        }

        return Task.CompletedTask;
    }
}
