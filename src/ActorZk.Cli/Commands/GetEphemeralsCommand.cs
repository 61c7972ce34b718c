using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>getEphemerals path</c>: the session's ephemeral nodes under a prefix, in the server's order.</summary>
internal sealed class GetEphemeralsCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public GetEphemeralsCommand()
        : base("getEphemerals", "path")
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        var line = Parse(words);

        // Without a path zkCli lists them all.
        var path = line.Args.Count < 2 ? "/" : line.Args[1];
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            Println(context.Out, JavaList(await zk.GetEphemeralsAsync(path)));
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
