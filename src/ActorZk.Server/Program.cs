using System.Net.Sockets;
using System.Runtime.InteropServices;
using ActorZk.Server;
using ActorZk.Server.Configuration;
using ActorZk.Server.Storage;
using ActorZk.Server.Tools;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(builder => builder
    .SetMinimumLevel(LogLevel.Information)
    .AddSimpleConsole(options =>
    {
        options.SingleLine = true;
        options.TimestampFormat = "yyyy-MM-dd HH:mm:ss,fff ";
    }));
var log = loggerFactory.CreateLogger("ActorZk");

if (args is ["inspect", ..])
{
    if (args.Length != 3)
    {
        Console.Error.WriteLine(StoreInspector.Usage);
        return 2;
    }

    try
    {
        var (inspected, _) = ZooCfgParser.ParseFile(args[2]);
        return await StoreInspector.RunAsync(args[1], inspected, Console.Out);
    }
    catch (Exception e) when (e is ConfigException or StorageException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

if (args.Length > 1 || args is ["-h" or "--help"])
{
    Console.Error.WriteLine("usage: ActorZk.Server [path/to/zoo.cfg]");
    Console.Error.WriteLine("  With no argument the server starts on the embedded defaults: clientPort 2181, dataDir ./data.");
    Console.Error.WriteLine("       " + StoreInspector.Usage["usage: ".Length..]);
    Console.Error.WriteLine("  Prints the stored txn log, the newest snapshot, or the tree a restart would recover.");
    return args is ["-h" or "--help"] ? 0 : 2;
}

ServerConfig config;
try
{
    if (args.Length == 1)
    {
        var (parsed, warnings) = ZooCfgParser.ParseFile(args[0]);
        foreach (var warning in warnings)
        {
            log.LogWarning("{Warning}", warning);
        }

        config = parsed;
    }
    else
    {
        config = new ServerConfig();
        log.LogInformation("No zoo.cfg given: using the defaults (clientPort 2181, dataDir ./data)");
    }
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"Invalid configuration: {e.Message}");
    return 1;
}

// Extra HOCON for the actor system (any akka.* or actorzk.* key), from a file named by the environment.
string? hoconOverride = null;
if (Environment.GetEnvironmentVariable("ACTORZK_HOCON") is { Length: > 0 } hoconFile)
{
    try
    {
        hoconOverride = File.ReadAllText(hoconFile);
        log.LogInformation("HOCON overrides from {File} (ACTORZK_HOCON)", hoconFile);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Invalid configuration: ACTORZK_HOCON={hoconFile}: {e.Message}");
        return 1;
    }
}

ZkServer server;
try
{
    server = ZkServer.Start(config, loggerFactory, hoconOverride);
}
catch (SocketException e)
{
    Console.Error.WriteLine($"Cannot listen on the client port {config.ClientPort}: {e.Message}");
    return 3;
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"Invalid configuration: {e.Message}");
    return 1;
}
catch (StorageException e)
{
    Console.Error.WriteLine($"Cannot open the txn log: {e.Message}");
    return 1;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    log.LogInformation("Received {Signal}, shutting down", context.Signal);
    stop.TrySetResult();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

await Task.WhenAny(stop.Task, server.WhenTerminated);
var exitCode = server.ExitCode;
await server.DisposeAsync();
log.LogInformation("ActorZk stopped");
return exitCode;
