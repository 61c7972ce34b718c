using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Commands;

/// <summary>
/// <c>setAcl [-s] [-v version] [-R] path acl</c>. With <c>-R</c> every node of the subtree gets the ACL, and a node
/// that refuses it is reported on stdout without a newline, exactly as zkCli's callback prints it.
/// </summary>
internal sealed class SetAclCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public SetAclCommand()
        : base(
            "setAcl",
            "[-s] [-v version] [-R] path acl",
            OptionSpec.Flag("s", "stats"),
            OptionSpec.WithValue("v", "version"),
            OptionSpec.Flag("R", "recursive"))
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
        var (acl, warnings) = AclParser.Parse(line.Args[2]);
        foreach (var warning in warnings)
        {
            Println(context.Err, warning);
        }

        var version = line.Has("v") ? ParseInt(line.Value("v") ?? string.Empty) : -1;
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            if (line.Has("R"))
            {
                await zk.GetDataAsync(path);
                await SetRecursivelyAsync(context, zk, path, acl, version);
                return;
            }

            if (acl.Count == 0)
            {
                // The Java client rejects an empty ACL before sending; the exception has no path.
                throw new CliException(KeeperErrorText.CliMessage(ErrorCode.InvalidAcl, null));
            }

            var stat = await zk.SetAclAsync(path, acl, version);
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

    // ZKUtil.visitSubTreeDFS order: the node, then its sorted children, then their subtrees.
    private static async Task SetRecursivelyAsync(CommandContext context, ZooKeeperClient zk, string path, IReadOnlyList<Acl> acl, int version)
    {
        await SetOneAsync(context, zk, path, acl, version);
        await VisitAsync(context, zk, path, acl, version);
    }

    private static async Task VisitAsync(CommandContext context, ZooKeeperClient zk, string path, IReadOnlyList<Acl> acl, int version)
    {
        List<string> children;
        try
        {
            children = [.. await zk.GetChildrenAsync(path)];
        }
        catch (NoNodeException)
        {
            return;
        }

        children.Sort(StringComparer.Ordinal);
        foreach (var child in children)
        {
            await SetOneAsync(context, zk, ZnodePath.Child(path, child), acl, version);
        }

        foreach (var child in children)
        {
            await VisitAsync(context, zk, ZnodePath.Child(path, child), acl, version);
        }
    }

    private static async Task SetOneAsync(CommandContext context, ZooKeeperClient zk, string path, IReadOnlyList<Acl> acl, int version)
    {
        if (acl.Count == 0)
        {
            context.Out.Write(KeeperErrorText.ExceptionMessage(ErrorCode.InvalidAcl, null));
            return;
        }

        try
        {
            await zk.SetAclAsync(path, acl, version);
        }
        catch (KeeperException e)
        {
            context.Out.Write(KeeperErrorText.ExceptionMessage(e.ErrorCode, e.Path ?? path));
        }
    }
}
