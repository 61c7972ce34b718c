using System.Text;
using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Commands;

/// <summary>
/// <c>config [-c] [-w] [-s]</c>: the ensemble configuration from <c>/zookeeper/config</c> (empty on a standalone
/// server), <c>-c</c> for the client connect string form, <c>-s</c> for the stat.
/// </summary>
internal sealed class GetConfigCommand : CliCommand
{
    private const string ConfigNode = "/zookeeper/config";

    /// <summary>Creates the command.</summary>
    public GetConfigCommand()
        : base(
            "config",
            "[-c] [-w] [-s]",
            OptionSpec.Flag("s", "stats"),
            OptionSpec.Flag("w", "watch"),
            OptionSpec.Flag("c", "client connection string"))
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(CommandContext context, string[] words)
    {
        var line = Parse(words);
        try
        {
            var zk = await ClientAsync(context, ConfigNode);
            var (data, stat) = await ReadConfigAsync(zk, line.Has("w"));
            var text = data is null ? "null" : Encoding.UTF8.GetString(data);
            var output = (line.Has("c") ? ClientConfig.Format(text) : text) + "\n";
            context.Out.Write(output + (line.Has("s") ? StatPrinter.Format(stat, context.Zone) : string.Empty));
        }
        catch (KeeperException e)
        {
            throw Failure(e, ConfigNode);
        }
    }

    // The Java client reads the config node outside any chroot. The .NET client has no getConfig, so under a chroot
    // the read is sent raw, which cannot register a watch; without a chroot a plain getData is the same request.
    private static async Task<(byte[]? Data, Stat Stat)> ReadConfigAsync(ZooKeeperClient zk, bool watch)
    {
        if (zk.ConnectionString.ChrootPath is null)
        {
            return await zk.GetDataAsync(ConfigNode, watch);
        }

        var reply = await zk.SendAsync(OpCode.GetData, new GetDataRequest(ConfigNode, false));
        if (reply.Error != ErrorCode.Ok)
        {
            throw KeeperException.Create(reply.Error, ConfigNode);
        }

        var response = reply.Read<GetDataResponse>();
        return (response.Data, response.Stat);
    }
}
