using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.Bench.Tests.EndToEnd;

/// <summary>
/// A private Apache ZooKeeper 3.8 (Debian package <c>zookeeper</c>) on a free 127.0.0.1 port with its own temporary
/// data directory; killed by PID and its directory removed when disposed.
/// </summary>
public sealed class ApacheZooKeeper : IAsyncLifetime
{
    private const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder output = new();
    private Process? process;
    private string? directory;

    /// <summary>Why the end-to-end tests cannot run here, or null when they can.</summary>
    public static string? SkipReason { get; } = File.Exists(ZooKeeperJar)
        ? null
        : $"Apache ZooKeeper is not installed ({ZooKeeperJar} missing; apt-get install zookeeper)";

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The server's PID, for CPU accounting.</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        Port = FreePort();
        directory = Path.Combine(Path.GetTempPath(), $"actorzk-bench-tests-{Environment.ProcessId}-{Port}");
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        var config = Path.Combine(directory, "zoo.cfg");

        // maxClientCnxns=0: the watch workload opens two connections per session from one address.
        await File.WriteAllTextAsync(config, $"""
            tickTime=2000
            dataDir={directory}/data
            clientPort={Port}
            clientPortAddress=127.0.0.1
            maxClientCnxns=0
            """);
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-Xmx256m",
            "-Dzookeeper.admin.enableServer=false",
            "-Dzookeeper.4lw.commands.whitelist=*",
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            $"{ZooKeeperJar}:/usr/share/java/*",
            "org.apache.zookeeper.server.quorum.QuorumPeerMain",
            config,
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("could not start java");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ZooKeeper exited during startup: {Output()}");
            }

            // "imok" can come before the database is loaded; srvr's "Mode:" line means it serves requests.
            if ((await FourLetterWordAsync("srvr")).Contains("Mode:", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"ZooKeeper did not start within {StartTimeout}: {Output()}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }

            process.Dispose();
        }

        if (directory is not null)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file may still be open for a moment; the temp directory is cleaned eventually.
            }
        }
    }

    /// <summary>Sends a four-letter word and returns the answer ("" on failure), bounded to 5 s.</summary>
    public async Task<string> FourLetterWordAsync(string word)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(word), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return string.Empty;
        }
    }

    /// <summary>The value of a <c>mntr</c> key, e.g. <c>zk_znode_count</c>.</summary>
    public async Task<long> MonitorValueAsync(string key)
    {
        foreach (var line in (await FourLetterWordAsync("mntr")).Split('\n'))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[0] == key)
            {
                return long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"mntr has no {key}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
