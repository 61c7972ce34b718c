using System.Text;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary><c>whoami</c>: "Auth scheme: User", then one "scheme: user" line per identity of the session.</summary>
internal sealed class WhoAmICommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public WhoAmICommand()
        : base("whoami", string.Empty)
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        try
        {
            var zk = await ClientAsync(context, null);
            var identities = await zk.WhoAmIAsync();
            var text = new StringBuilder("Auth scheme: User\n");
            foreach (var identity in identities)
            {
                text.Append(identity.AuthScheme).Append(": ").Append(identity.User).Append('\n');
            }

            context.Out.Write(text.ToString());
        }
        catch (KeeperException e)
        {
            throw Failure(e, null);
        }
    }
}
