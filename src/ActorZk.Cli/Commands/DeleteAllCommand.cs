using ActorZk.Cli.Parsing;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Multi;

namespace ActorZk.Cli.Commands;

/// <summary>
/// <c>deleteall path [-b batch size]</c>: deletes the subtree leaves first in multi batches, as ZooKeeper's
/// <c>ZKUtil.deleteRecursive</c>; a failed batch is reported with "Failed to delete some node(s) in the subtree!".
/// </summary>
internal sealed class DeleteAllCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public DeleteAllCommand()
        : base("deleteall", "path [-b batch size]", OptionSpec.WithValue("b", "batch size"))
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

        var batchSize = 1000;
        if (line.Has("b") && !JavaText.TryParseInt(line.Value("b") ?? string.Empty, out batchSize))
        {
            throw new CliException("-b argument must be an int value");
        }

        var path = line.Args[1];
        CheckPath(path);
        try
        {
            var zk = await ClientAsync(context, path);
            var tree = await ListSubtreeAsync(zk, path);
            if (!await DeleteInBatchesAsync(zk, tree, batchSize))
            {
                Println(context.Err, "Failed to delete some node(s) in the subtree!");
            }
        }
        catch (KeeperException e)
        {
            throw Failure(e, path);
        }
    }

    // Breadth first, so that deleting from the end removes children before their parents.
    private static async Task<List<string>> ListSubtreeAsync(ZooKeeperClient zk, string root)
    {
        var tree = new List<string> { root };
        for (var next = 0; next < tree.Count; next++)
        {
            var node = tree[next];
            foreach (var child in await zk.GetChildrenAsync(node))
            {
                tree.Add(ZnodePath.Child(node, child));
            }
        }

        return tree;
    }

    private static async Task<bool> DeleteInBatchesAsync(ZooKeeperClient zk, List<string> tree, int batchSize)
    {
        var ops = new List<Op>();
        for (var i = tree.Count - 1; i >= 0; i--)
        {
            ops.Add(Op.Delete(tree[i]));

            // As ZKUtil: a batch is sent when full or at the root (a batch size below 1 means one batch).
            if (ops.Count == batchSize || i == 0)
            {
                try
                {
                    await zk.MultiAsync(ops);
                }
                catch (KeeperException)
                {
                    return false;
                }

                ops = [];
            }
        }

        return true;
    }
}
