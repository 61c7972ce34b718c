using ActorZk.Cli.Session;

namespace ActorZk.Cli.Commands;

/// <summary>What a command runs against: the output streams (zkCli's System.out and System.err), the session, the shell.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Err">Standard error: errors, warnings, and "Created /x".</param>
/// <param name="Session">The ZooKeeper session.</param>
/// <param name="Shell">The shell, for history, redo and quit.</param>
/// <param name="Zone">The time zone of printed times.</param>
internal sealed record CommandContext(TextWriter Out, TextWriter Err, ZkSession Session, IShellState Shell, TimeZoneInfo Zone);
