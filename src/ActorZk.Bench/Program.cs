using ActorZk.Bench.Options;
using ActorZk.Bench.Runner;

// ActorZk.Bench: a load generator for any server speaking the ZooKeeper protocol. See OptionParser.Usage.
// Exit codes: 0 the run completed without errors, 1 it could not run, 2 bad command line, 4 it completed with errors.
BenchOptions? options;
try
{
    options = OptionParser.Parse(args);
}
catch (OptionException e)
{
    Console.Error.WriteLine($"ActorZk.Bench: {e.Message}");
    Console.Error.WriteLine(OptionParser.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(OptionParser.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C drains the run and still removes its tree; a second one kills the process.
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true;
        stop.Cancel();
    }
};

try
{
    var result = await BenchRunner.RunAsync(options, Console.Error, !Console.IsErrorRedirected, stop.Token);
    var table = ResultWriter.ToTable(result);
    if (options.Json)
    {
        Console.Error.Write(table);
        Console.Out.WriteLine(ResultWriter.ToJson(result));
    }
    else
    {
        Console.Out.Write(table);
    }

    return result.Errors == 0 && result.Failures.Count == 0 ? 0 : 4;
}
catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"ActorZk.Bench: {e.Message}");
    return 1;
}
