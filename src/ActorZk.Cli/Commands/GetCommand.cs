using System.Text;
using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>get [-s] [-w] path</c>: the data as UTF-8 text ("null" for null data), optionally the stat.</summary>
internal sealed class GetCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public GetCommand()
        : base("get", "[-s] [-w] path", OptionSpec.Flag("s", "stats"), OptionSpec.Flag("w", "watch"))
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
            // zkCli 3.4's "get path watch": the third word is turned into -w and the line parsed again.
            Println(context.Err, "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.");
            words[2] = "-w";
            line = Parse(words);
        }

        var path = line.Args[1];
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            var (data, stat) = await zk.GetDataAsync(path, line.Has("w"));
            var text = data is null ? "null" : Encoding.UTF8.GetString(data);
            context.Out.Write(text + "\n" + (line.Has("s") ? StatPrinter.Format(stat, context.Zone) : string.Empty));
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
