using System.Globalization;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>sync path</c>: "Sync is OK", or "Sync has failed. rc=N" with the error code.</summary>
internal sealed class SyncCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public SyncCommand()
        : base("sync", "path")
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
            await zk.SyncAsync(path);
            Println(context.Out, "Sync is OK");
        }
        catch (KeeperException e)
        {
            Println(context.Out, "Sync has failed. rc=" + ((int)e.ErrorCode).ToString(CultureInfo.InvariantCulture));
        }
    }
}
