using System.Reflection;

namespace ActorZk.Cli.Commands;

/// <summary><c>version</c>: the shell's version, in zkCli's "ZooKeeper CLI version: ..." line.</summary>
internal sealed class VersionCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    public VersionCommand()
        : base("version", string.Empty)
    {
    }

    /// <inheritdoc />
    public override Task ExecuteAsync(CommandContext context, string[] words)
    {
        var line = Parse(words);
        if (line.Args.Count > 1)
        {
            throw UsageError();
        }

        var assembly = typeof(VersionCommand).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString()
                      ?? "unknown";

        // The protocol level is ZooKeeper 3.8's; the build is ActorZk's.
        Println(context.Out, $"ZooKeeper CLI version: 3.8.0-ActorZk.Cli-{version}");
        return Task.CompletedTask;
    }
}
