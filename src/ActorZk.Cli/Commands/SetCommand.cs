using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>set [-s] [-v version] path data</c>: silent, or the new stat with <c>-s</c>.</summary>
internal sealed class SetCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public SetCommand()
        : base("set", "[-s] [-v version] path data", OptionSpec.Flag("s", "stats"), OptionSpec.WithValue("v", "version"))
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        var line = Parse(words);
        if (line.Args.Count < 3)
        {
            throw UsageError();
        }

        var path = line.Args[1];
        var data = Utf8(line.Args[2]);
        var version = line.Has("v") ? ParseInt(line.Value("v") ?? string.Empty) : -1;
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            var stat = await zk.SetDataAsync(path, data, version);
            if (line.Has("s"))
            {
                context.Out.Write(StatPrinter.Format(stat, context.Zone));
            }
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
