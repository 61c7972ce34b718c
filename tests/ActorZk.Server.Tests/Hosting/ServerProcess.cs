using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.Server.Tests.Hosting;

/// <summary>
/// The real server executable (ActorZk.Server.dll next to the tests) in a child process, as an operator runs it.
/// Output is collected; the process is always stopped by its own PID.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(Process process)
    {
        this.process = process;
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static ServerProcess Start(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ActorZk.Server.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>A free loopback port (bind to 0, read, release).</summary>
    public static int FreePort() => ActorZk.TestSupport.Loopback.FreePort();

    /// <summary>Sends a four-letter word and returns the answer, or null if nothing listens.</summary>
    public static async Task<string?> FourLetterWordAsync(int port, string word)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(word));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (SocketException)
        {
            return null;
        }
    }

    public async Task WaitUntilServingAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{Output}");
            }

            // ruok answers while the log is still being recovered (as in ZooKeeper); srvr shows a Mode only once
            // the member serves clients. srvr is always whitelisted.
            if ((await FourLetterWordAsync(port, "srvr"))?.Contains("Mode: ", StringComparison.Ordinal) == true)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the server did not serve within {timeout}:\n{Output}");
    }

    public void SendSigterm()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        process.WaitForExit(); // drains the output readers
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
