using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;

namespace ActorZk.Cli.Commands;

/// <summary><c>stat [-w] path</c>: the stat block; with <c>-w</c> an exists watch, left even when the node is missing.</summary>
internal sealed class StatCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public StatCommand()
        : base("stat", "[-w] path", OptionSpec.Flag("w", "watch"))
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        var line = Parse(words);
        if (line.Args.Count < 2)
        {
            throw UsageError();
        }

        if (line.Args.Count > 2)
        {
            // zkCli 3.4's "stat path watch": the third word is turned into -w and the line parsed again.
            Println(context.Err, "'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead.");
            words[2] = "-w";
            line = Parse(words);
        }

        var path = line.Args[1];
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            var stat = await zk.ExistsAsync(path, line.Has("w"))
                ?? throw new CliException(KeeperErrorText.CliMessage(ErrorCode.NoNode, path));
            context.Out.Write(StatPrinter.Format(stat, context.Zone));
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
