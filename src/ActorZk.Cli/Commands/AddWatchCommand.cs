using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;

namespace ActorZk.Cli.Commands;

/// <summary><c>addWatch [-m mode] path</c>: a persistent (by default recursive) watch whose events the shell prints.</summary>
internal sealed class AddWatchCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public AddWatchCommand()
        : base(
            "addWatch",
            "[-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE",
            OptionSpec.WithValue("m", string.Empty))
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        var line = Parse(words);
        if (line.Args.Count != 2)
        {
            throw UsageError();
        }

        var mode = AddWatchMode.PersistentRecursive;
        if (line.Has("m"))
        {
            // Java's AddWatchMode.valueOf(value.toUpperCase()).
            mode = line.Value("m")?.ToUpperInvariant() switch
            {
                "PERSISTENT" => AddWatchMode.Persistent,
                "PERSISTENT_RECURSIVE" => AddWatchMode.PersistentRecursive,
                _ => throw UsageError(),
            };
        }

        var path = line.Args[1];

        // zkCli dies here with an uncaught IllegalArgumentException; the message is reported as for other commands.
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            await zk.AddWatchAsync(path, mode);
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
