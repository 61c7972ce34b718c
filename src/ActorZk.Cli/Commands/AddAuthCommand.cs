using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary>
/// <c>addauth scheme auth</c>: silent. A refused credential ends the session (AuthFailed): zkCli prints nothing but
/// the watcher's AuthFailed event, and later commands say "Not connected".
/// </summary>
internal sealed class AddAuthCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public AddAuthCommand()
        : base("addauth", "scheme auth")
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

        var auth = line.Args.Count >= 3 ? Utf8(line.Args[2]) : [];
        try
        {
            var zk = await ClientAsync(context, null);

            // zkCli does not wait for the answer; waiting here makes the next command see the outcome, as it
            // would in zkCli because the server answers requests in order.
            await zk.AddAuthAsync(line.Args[1], auth);
        }
        catch (Exception e) when (e is KeeperException or ArgumentException)
        {
            // zkCli reports nothing: the failure shows as the AuthFailed event and the session's state.
        }
    }
}
