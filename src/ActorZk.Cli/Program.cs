using ActorZk.Cli;
using ActorZk.Cli.Terminal;

return await CliApplication.RunAsync(args, CliConsole.FromSystemConsole());
