using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;

namespace ActorZk.Cli.Commands;

/// <summary><c>removewatches path [-c|-d|-a] [-l]</c>: removes the shell's watches; the removal events are printed.</summary>
internal sealed class RemoveWatchesCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public RemoveWatchesCommand()
        : base(
            "removewatches",
            "path [-c|-d|-a] [-l]",
            OptionSpec.Flag("c", "child watcher type"),
            OptionSpec.Flag("d", "data watcher type"),
            OptionSpec.Flag("a", "any watcher type"),
            OptionSpec.Flag("l", "remove locally when there is no server connection"))
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

        var path = line.Args[1];
        var type = line.Has("c") ? WatcherType.Children : line.Has("d") ? WatcherType.Data : WatcherType.Any;
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            await zk.RemoveAllWatchesAsync(path, type, line.Has("l"));
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
