using System.Text;
using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>getAcl [-s] path</c>: each entry as <c>'world,'anyone</c> then <c>: cdrwa</c>, optionally the stat.</summary>
internal sealed class GetAclCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public GetAclCommand()
        : base("getAcl", "[-s] path", OptionSpec.Flag("s", "stats"))
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
            var (acl, stat) = await zk.GetAclAsync(path);
            var text = new StringBuilder();
            foreach (var entry in acl)
            {
                text.Append(AclText.Format(entry)).Append('\n');
            }

            if (line.Has("s"))
            {
                text.Append(StatPrinter.Format(stat, context.Zone));
            }

            context.Out.Write(text.ToString());
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }
}
