using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>delete [-v version] path</c>: silent on success.</summary>
internal sealed class DeleteCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public DeleteCommand()
        : base("delete", "[-v version] path", OptionSpec.WithValue("v", "version"))
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
            // Unlike get/ls/stat, zkCli only warns here: the extra word is ignored, not turned into a version.
            Println(context.Err, "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.");
        }

        var path = line.Args[1];
        var version = line.Has("v") ? ParseInt(line.Value("v") ?? string.Empty) : -1;
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            await zk.DeleteAsync(path, version);
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
