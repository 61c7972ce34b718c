using System.Globalization;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>getAllChildrenNumber path</c>: the number of descendants.</summary>
internal sealed class GetAllChildrenNumberCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public GetAllChildrenNumberCommand()
        : base("getAllChildrenNumber", "path")
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
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            var count = await zk.GetAllChildrenNumberAsync(path);
            Println(context.Out, count.ToString(CultureInfo.InvariantCulture));
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
