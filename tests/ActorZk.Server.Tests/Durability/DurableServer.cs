using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ActorZk.Server.Tests.Hosting;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// One ActorZk server process on a loopback port and a dataDir of its own that outlives the process: it can be
/// killed with SIGKILL, stopped with SIGTERM, and started again on the same data. The output of every run
/// is kept so that a failure shows what each generation logged.
/// </summary>
internal sealed partial class DurableServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StorageBackend storage;
    private readonly string extraConfig;
    private readonly StringBuilder pastOutput = new();
    private ServerProcess? process;
    private string lastOutput = string.Empty;
    private int generation;

    /// <param name="directory">The test's directory; dataDir and zoo.cfg go below it.</param>
    /// <param name="storage">Where the txn log lives.</param>
    /// <param name="extraConfig">More zoo.cfg lines (snapCount, tickTime, ...).</param>
    public DurableServer(string directory, StorageBackend storage, string extraConfig = "")
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        this.storage = storage;
        this.extraConfig = extraConfig;
        DataDir = Path.Combine(directory, "data");
        Port = ServerProcess.FreePort();
    }

    public string Directory { get; }

    /// <summary>SQLite or PostgreSQL, for messages and file names.</summary>
    public string StorageName => storage.Name;

    public string DataDir { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The current process's exit code once it has exited by itself, else null.</summary>
    public int? ExitCode => process is { HasExited: true } exited ? exited.ExitCode : null;

    /// <summary>The output of the current (or last) process.</summary>
    public string Output => process?.Output ?? lastOutput;

    /// <summary>Everything every generation printed, each under a header.</summary>
    public string AllOutput => process is null ? pastOutput.ToString() : pastOutput + process.Output;

    /// <summary>The zoo.cfg text this server starts with.</summary>
    public string ConfigText(int? port = null) => $"""
        tickTime=200
        dataDir={DataDir}
        clientPort={port ?? Port}
        clientPortAddress=127.0.0.1
        4lw.commands.whitelist=ruok,srvr,stat,cons,mntr
        admin.enableServer=false
        {storage.ZooCfgLines}
        {extraConfig}
        """;

    /// <summary>Starts a process on the dataDir and waits until it serves (recovery done).</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the server is already running");
        }

        generation++;
        var config = Path.Combine(Directory, "zoo.cfg");
        await File.WriteAllTextAsync(config, ConfigText());
        process = ServerProcess.Start(Directory, config);
        await WaitUntilServingAsync();
    }

    /// <summary>Starts another process with this server's dataDir and storage on another port; the caller owns it.</summary>
    public ServerProcess StartRival(out int rivalPort)
    {
        rivalPort = ServerProcess.FreePort();
        var config = Path.Combine(Directory, "rival.cfg");
        File.WriteAllText(config, ConfigText(rivalPort));
        return ServerProcess.Start(Directory, config);
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed that was not already committed.</summary>
    public void Kill()
    {
        // ServerProcess.Dispose kills with Process.Kill (SIGKILL on Linux), by the process's own PID, and waits.
        Retire("killed with SIGKILL");
    }

    /// <summary>SIGTERM and a bounded wait for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (process is null)
        {
            throw new InvalidOperationException("the server is not running");
        }

        process.SendSigterm();
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Retire($"exit code {code} after SIGTERM");
        return code;
    }

    /// <summary>Polls srvr until the peer answers as serving: a fresh process first recovers its log.</summary>
    public async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process is null || process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process?.ExitCode}:\n{AllOutput}");
            }

            var srvr = await ServerProcess.FourLetterWordAsync(Port, "srvr");
            if (srvr is not null && srvr.Contains("Mode:", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the server did not serve within {StartTimeout}:\n{AllOutput}");
    }

    /// <summary>The zxid the server reports in srvr (its last applied txn).</summary>
    public async Task<long> LastZxidAsync()
    {
        var srvr = await ServerProcess.FourLetterWordAsync(Port, "srvr") ?? throw new InvalidOperationException("srvr got no answer");
        var match = ZxidLine().Match(srvr);
        return match.Success
            ? long.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no Zxid in srvr:\n{srvr}");
    }

    /// <summary>Waits (bounded) until the current process has printed a line matching <paramref name="pattern"/>.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = pattern.Match(Output);
            if (match.Success)
            {
                return match;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"no output line matched /{pattern}/ within {timeout}:\n{AllOutput}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        Kill();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test for.
        }
    }

    [GeneratedRegex(@"Zxid: 0x([0-9a-fA-F]+)")]
    private static partial Regex ZxidLine();

    /// <summary>Ends the current process (SIGKILL if it still runs) and files its output under its generation.</summary>
    private void Retire(string how)
    {
        if (process is null)
        {
            return;
        }

        process.Dispose();
        lastOutput = process.Output;
        pastOutput.Append(CultureInfo.InvariantCulture, $"----- server generation {generation}: {how} -----\n");
        pastOutput.Append(lastOutput);
        process = null;
    }
}
