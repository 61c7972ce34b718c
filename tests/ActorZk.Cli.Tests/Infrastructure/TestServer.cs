using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>
/// A ZooKeeper-protocol server in a child process on a free loopback port, with its own temporary directory:
/// ActorZk (the ActorZk.Server.dll next to the tests) or Apache ZooKeeper 3.8 (Debian package). It is stopped by
/// its own process id.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string directory;
    private readonly StringBuilder log = new();

    private TestServer(string name, int port, Process process, string directory)
    {
        Name = name;
        Port = port;
        this.process = process;
        this.directory = directory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Why Apache ZooKeeper cannot be started here, or null when it can.</summary>
    public static string? ApacheSkipReason { get; } =
        !File.Exists(ZooKeeperJar) ? $"Apache ZooKeeper is not installed ({ZooKeeperJar} is missing; Debian package zookeeper)"
        : FindOnPath("java") is null ? "java is not installed, so Apache ZooKeeper cannot run"
        : null;

    /// <summary>Why zkCli.sh cannot be run here, or null when it can.</summary>
    public static string? ZkCliSkipReason { get; } =
        ApacheSkipReason ?? (File.Exists(CliRunner.ZkCliPath) ? null : $"{CliRunner.ZkCliPath} is missing (Debian package zookeeper)");

    /// <summary>"ActorZk" or "Apache ZooKeeper".</summary>
    public string Name { get; }

    /// <summary>The client port.</summary>
    public int Port { get; }

    /// <summary>The connect string.</summary>
    public string Hosts => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The server's output so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts ActorZk and waits until it answers ruok.</summary>
    public static async Task<TestServer> StartActorZkAsync()
    {
        var (port, dir, config) = await PrepareAsync("actorzk", "4lw.commands.whitelist=*\nextendedTypesEnabled=true\n");
        var start = Start("dotnet", dir, Path.Combine(AppContext.BaseDirectory, "ActorZk.Server.dll"), config);
        return await WaitServingAsync(new TestServer("ActorZk", port, start, dir));
    }

    /// <summary>Starts Apache ZooKeeper and waits until it answers ruok.</summary>
    public static async Task<TestServer> StartApacheAsync()
    {
        var (port, dir, config) = await PrepareAsync("apache", string.Empty);
        var start = Start(
            "java",
            dir,
            "-Xmx256m",
            "-Dzookeeper.extendedTypesEnabled=true",
            "-Dzookeeper.4lw.commands.whitelist=*",
            "-Dzookeeper.admin.enableServer=false",
            "-cp",
            $"{ZooKeeperJar}:/usr/share/java/*",
            "org.apache.zookeeper.server.quorum.QuorumPeerMain",
            config);
        return await WaitServingAsync(new TestServer("Apache ZooKeeper", port, start, dir));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open stays behind in the temp directory.
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static async Task<(int Port, string Directory, string Config)> PrepareAsync(string kind, string extra)
    {
        var port = FreePort();
        var dir = Path.Combine(Path.GetTempPath(), $"actorzk-cli-tests-{kind}-{Environment.ProcessId}-{port}");
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var config = Path.Combine(dir, "zoo.cfg");
        await File.WriteAllTextAsync(
            config,
            $"tickTime=2000\ndataDir={dir}/data\nclientPort={port}\nclientPortAddress=127.0.0.1\n{extra}");
        return (port, dir, config);
    }

    private static Process Start(string fileName, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
    }

    private static async Task<TestServer> WaitServingAsync(TestServer server)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.process.HasExited)
            {
                var log = server.Log;
                await server.DisposeAsync();
                throw new InvalidOperationException($"{server.Name} exited during startup:\n{log}");
            }

            if (await FourLetterWordAsync(server.Port, "ruok") == "imok")
            {
                return server;
            }

            await Task.Delay(100);
        }

        var text = server.Log;
        await server.DisposeAsync();
        throw new TimeoutException($"{server.Name} did not answer ruok within {StartTimeout}:\n{text}");
    }

    private static async Task<string?> FourLetterWordAsync(int port, string word)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(word));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
