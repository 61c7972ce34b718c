using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.Linearizability.Tests.Infrastructure;

/// <summary>
/// The server the end-to-end tests run against (copied from ActorZk.Client.Tests until a shared fixture project exists): the hosts in <c>ZK_TEST_HOSTS</c> when set (for example an ActorZk
/// ensemble), otherwise a private Apache ZooKeeper 3.8 (Debian package) started on a free 127.0.0.1 port with its own
/// temporary data directory, and killed by PID when disposed.
/// </summary>
public sealed class ZooKeeperServer : IAsyncDisposable
{
    /// <summary>The environment variable naming external servers.</summary>
    public const string HostsVariable = "ZK_TEST_HOSTS";

    private const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process? process;
    private readonly string? directory;

    private ZooKeeperServer(string hosts, Process? process, string? directory)
    {
        Hosts = hosts;
        this.process = process;
        this.directory = directory;
    }

    /// <summary>Why the end-to-end tests cannot run here, or null when they can.</summary>
    public static string? SkipReason { get; } = ComputeSkipReason();

    /// <summary>The connect string of the server(s), without chroot.</summary>
    public string Hosts { get; }

    /// <summary>Whether this server was started by the tests (and its log can be read).</summary>
    public bool IsLocal => process is not null;

    /// <summary>Starts a server, or uses <c>ZK_TEST_HOSTS</c>.</summary>
    /// <returns>The running server.</returns>
    public static async Task<ZooKeeperServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(HostsVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new ZooKeeperServer(external.Trim(), null, null);
        }

        if (SkipReason is not null)
        {
            throw new InvalidOperationException(SkipReason);
        }

        var port = FreePort();
        var dir = Path.Combine(Path.GetTempPath(), $"actorzk-lincheck-tests-{Environment.ProcessId}-{port}");
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var config = Path.Combine(dir, "zoo.cfg");
        await File.WriteAllTextAsync(config, $"""
            tickTime=1000
            initLimit=10
            syncLimit=5
            dataDir={dir}/data
            clientPort={port}
            clientPortAddress=127.0.0.1
            minSessionTimeout=2000
            maxSessionTimeout=60000
            maxClientCnxns=200
            """);
        var log4j = Path.Combine(dir, "log4j.properties");
        await File.WriteAllTextAsync(log4j, """
            log4j.rootLogger=INFO, FILE
            log4j.appender.FILE=org.apache.log4j.FileAppender
            log4j.appender.FILE.File=${zk.logfile}
            log4j.appender.FILE.layout=org.apache.log4j.PatternLayout
            log4j.appender.FILE.layout.ConversionPattern=%d{ISO8601} - %-5p [%t:%C{1}@%L] - %m%n
            """);

        // zookeeper.jar names its dependencies in its manifest; only the logging binding must be added.
        var classPath = File.Exists("/usr/share/java/slf4j-log4j12.jar") && File.Exists("/usr/share/java/log4j-1.2.jar")
            ? $"{ZooKeeperJar}:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
            : $"{ZooKeeperJar}:/usr/share/java/*";
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-Xmx256m",
            $"-Dzk.logfile={dir}/zookeeper.log",
            $"-Dlog4j.configuration=file:{log4j}",
            "-Dzookeeper.extendedTypesEnabled=true",
            "-Dzookeeper.4lw.commands.whitelist=*",
            "-Dzookeeper.admin.enableServer=false",
            "-Dznode.container.checkIntervalMs=1000",
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            classPath,
            "org.apache.zookeeper.server.quorum.QuorumPeerMain",
            config,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start java");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ZooKeeperServer($"127.0.0.1:{port}", process, dir);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                string text;
                lock (output)
                {
                    text = output.ToString();
                }

                await server.DisposeAsync();
                throw new InvalidOperationException($"ZooKeeper exited during startup: {text}");
            }

            // ZooKeeper answers ruok before it serves sessions; srvr shows a Mode once it does.
            if (await FourLetterWordAsync(port, "ruok") == "imok"
                && (await FourLetterWordAsync(port, "srvr")).Contains("Mode:", StringComparison.Ordinal))
            {
                return server;
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"ZooKeeper did not answer ruok within {StartTimeout}");
    }

    /// <summary>Sends a four-letter word and returns the answer ("" on failure). Bounded to 5 s.</summary>
    /// <param name="port">The port on 127.0.0.1.</param>
    /// <param name="word">The command.</param>
    /// <returns>The answer.</returns>
    public static async Task<string> FourLetterWordAsync(int port, string word)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
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
                // Already gone, or not killable; nothing more a test can do.
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

    private static string? ComputeSkipReason()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(HostsVariable)))
        {
            return null;
        }

        if (!File.Exists(ZooKeeperJar))
        {
            return $"Apache ZooKeeper is not installed ({ZooKeeperJar} missing; install the Debian zookeeper package) and {HostsVariable} is not set";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        if (!path.Split(':').Any(d => File.Exists(Path.Combine(d, "java"))))
        {
            return $"java is not on the PATH and {HostsVariable} is not set";
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
