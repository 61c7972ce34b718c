using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>ls [-s] [-w] [-R] path</c>: the sorted children (<c>[a, b]</c>), optionally the stat, or the whole subtree.</summary>
internal sealed class LsCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public LsCommand()
        : base(
            "ls",
            "[-s] [-w] [-R] path",
            OptionSpec.Flag("?", "help"),
            OptionSpec.Flag("s", "stat"),
            OptionSpec.Flag("w", "watch"),
            OptionSpec.Flag("R", "recurse"))
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        var line = Parse(words);
        if (line.Has("?"))
        {
            context.Out.Write(HelpText.Format("ls [options] path", Options));
        }

        if (line.Args.Count > 2)
        {
            // zkCli 3.4's "ls path watch": the third word is turned into -w and the line parsed again.
            Println(context.Err, "'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.");
            words[2] = "-w";
            line = Parse(words);
        }

        if (line.Args.Count < 2)
        {
            throw UsageError();
        }

        var path = line.Args[1];
        var watch = line.Has("w");
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            if (line.Has("R"))
            {
                await ListRecursivelyAsync(context, zk, path, watch);
            }
            else if (line.Has("s"))
            {
                var (children, stat) = await zk.GetChildrenWithStatAsync(path, watch);
                context.Out.Write(Format(children) + StatPrinter.Format(stat, context.Zone));
            }
            else
            {
                context.Out.Write(Format(await zk.GetChildrenAsync(path, watch)));
            }
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }

    private static string Format(IReadOnlyList<string> children)
    {
        var sorted = children.ToList();
        sorted.Sort(StringComparer.Ordinal);
        return JavaList(sorted) + "\n";
    }

    // ZooKeeper's ZKUtil.visitSubTreeDFS: the root, then each node's sorted children before descending into them.
    private static async Task ListRecursivelyAsync(CommandContext context, ZooKeeperClient zk, string path, bool watch)
    {
        await zk.GetDataAsync(path, watch);
        Println(context.Out, path);
        await VisitAsync(context, zk, path, watch);
    }

    private static async Task VisitAsync(CommandContext context, ZooKeeperClient zk, string path, bool watch)
    {
        List<string> children;
        try
        {
            children = [.. await zk.GetChildrenAsync(path, watch)];
        }
        catch (NoNodeException)
        {
            // Deleted since it was listed.
            return;
        }

        children.Sort(StringComparer.Ordinal);
        foreach (var child in children)
        {
            Println(context.Out, ZnodePath.Child(path, child));
        }

        foreach (var child in children)
        {
            await VisitAsync(context, zk, ZnodePath.Child(path, child), watch);
        }
    }
}
