using System.Text;

namespace ActorZk.Cli.Commands;

/// <summary>Every command the shell knows, by word, and zkCli's usage listing of them.</summary>
internal sealed class CommandRegistry
{
    private readonly Dictionary<string, CliCommand> commands;

    /// <summary>Creates the registry with zkCli 3.8's command set.</summary>
    public CommandRegistry()
    {
        CliCommand[] all =
        [
            new AddAuthCommand(),
            new AddWatchCommand(),
            new CloseCommand(),
            new ConnectCommand(),
            new CreateCommand(),
            new DeleteAllCommand(),
            new DeleteCommand(),
            new GetAclCommand(),
            new GetAllChildrenNumberCommand(),
            new GetCommand(),
            new GetConfigCommand(),
            new GetEphemeralsCommand(),
            new HistoryCommand(),
            new LsCommand(),
            new PrintWatchesCommand(),
            new QuitCommand(),
            new RedoCommand(),
            new RemoveWatchesCommand(),
            new SetAclCommand(),
            new SetCommand(),
            new StatCommand(),
            new SyncCommand(),
            new VersionCommand(),
            new WhoAmICommand(),
            new UnsupportedCommand("delquota", "[-n|-b|-N|-B] path"),
            new UnsupportedCommand("listquota", "path"),
            new UnsupportedCommand(
                "reconfig",
                "[-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]"),
            new UnsupportedCommand("setquota", "-n|-b|-N|-B val path"),
        ];
        commands = all.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Names = [.. commands.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The command words, sorted as zkCli sorts them (ordinal: "addWatch" before "addauth").</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Finds a command.</summary>
    /// <param name="name">The command word (case-sensitive).</param>
    /// <param name="command">The command.</param>
    /// <returns>True when known.</returns>
    public bool TryGet(string name, out CliCommand command) => commands.TryGetValue(name, out command!);

    /// <summary>zkCli's usage listing, printed on stderr for an unknown command.</summary>
    /// <returns>The text, each line ending with "\n".</returns>
    public string Usage()
    {
        var text = new StringBuilder("ZooKeeper -server host:port -client-configuration properties-file cmd args\n");
        foreach (var name in Names)
        {
            text.Append('\t').Append(commands[name].Usage).Append('\n');
        }

        return text.ToString();
    }
}
