using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Commands;

/// <summary>
/// <c>create [-s] [-e] [-c] [-t ttl] path [data] [acl]</c>: prints <c>Created /path</c> on stderr, as zkCli does.
/// Without data the node's data is null (<c>get</c> prints "null").
/// </summary>
internal sealed class CreateCommand : CliCommand
{
    /// <summary>The largest TTL ZooKeeper can encode (40 bits of milliseconds).</summary>
    public const long MaxTtl = 0xFF_FFFF_FFFFL;

    /// <summary>Creates the command.</summary>
    public CreateCommand()
        : base(
            "create",
            "[-s] [-e] [-c] [-t ttl] path [data] [acl]",
            OptionSpec.Flag("e", "ephemeral"),
            OptionSpec.Flag("s", "sequential"),
            OptionSpec.Flag("c", "container"),
            OptionSpec.WithValue("t", "ttl"))
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

        var mode = ModeOf(line, out var ttl);
        var path = line.Args[1];
        var data = line.Args.Count > 2 ? Utf8(line.Args[2]) : null;
        var acl = Acl.OpenAclUnsafe;
        if (line.Args.Count > 3)
        {
            (acl, var warnings) = AclParser.Parse(line.Args[3]);
            foreach (var warning in warnings)
            {
                Println(context.Err, warning);
            }
        }

        CheckPath(path, mode.IsSequential());
        if (acl.Count == 0)
        {
            // The Java client rejects an empty ACL before sending; the exception has no path.
            Println(context.Err, KeeperErrorText.ExceptionMessage(ErrorCode.InvalidAcl, null));
            throw new CliException(KeeperErrorText.CliMessage(ErrorCode.InvalidAcl, null));
        }

        try
        {
            var zk = await ClientAsync(context, path);
            var created = await zk.CreateAsync(path, data, acl, mode, ttl);
            Println(context.Err, "Created " + created);
        }
        catch (KeeperException e)
        {
            if (e.ErrorCode == ErrorCode.EphemeralOnLocalSession)
            {
                Println(context.Err, "Unable to create ephemeral node on a local session");
            }
            else if (e.ErrorCode == ErrorCode.InvalidAcl)
            {
                Println(context.Err, KeeperErrorText.ExceptionMessage(e.ErrorCode, e.Path ?? path));
            }

            throw Failure(e, path);
        }
    }

    // The checks and messages of zkCli's CreateCommand, in its order.
    private static CreateMode ModeOf(ParsedCommandLine line, out long? ttl)
    {
        var ephemeral = line.Has("e");
        var sequential = line.Has("s");
        var container = line.Has("c");
        var hasTtl = line.Has("t");
        if (container && (ephemeral || sequential))
        {
            throw new CliException("-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
        }

        ttl = null;
        if (hasTtl)
        {
            if (!JavaText.TryParseLong(line.Value("t") ?? string.Empty, out var value))
            {
                throw new CliException("-t argument must be a long value");
            }

            ttl = value;
        }

        if (hasTtl && ephemeral)
        {
            throw new CliException("TTLs cannot be used with Ephemeral znodes");
        }

        if (hasTtl && container)
        {
            throw new CliException("TTLs cannot be used with Container znodes");
        }

        var mode = (ephemeral, sequential, container, hasTtl) switch
        {
            (true, true, _, _) => CreateMode.EphemeralSequential,
            (true, false, _, _) => CreateMode.Ephemeral,
            (false, true, _, true) => CreateMode.PersistentSequentialWithTtl,
            (false, true, _, false) => CreateMode.PersistentSequential,
            (false, false, true, _) => CreateMode.Container,
            (false, false, false, true) => CreateMode.PersistentWithTtl,
            _ => CreateMode.Persistent,
        };

        if (ttl is { } given && (given <= 0 || given > MaxTtl))
        {
            throw new CliException($"ttl must be positive and cannot be larger than: {MaxTtl}");
        }

        return mode;
    }
}
