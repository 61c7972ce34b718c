using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorZk.TestSupport;

/// <summary>
/// A ZooKeeper-protocol server in a child process: Apache ZooKeeper 3.8 (Debian package <c>zookeeper</c>) or
/// ActorZk (<c>ActorZk.Server.dll</c>), on a free 127.0.0.1 port with its own temporary data directory. Started
/// once it serves (<c>srvr</c> shows a <c>Mode:</c>); killed by its own PID, and its directory removed, when disposed.
/// </summary>
public sealed class ZooKeeperProcess : IAsyncDisposable
{
    /// <summary>The Apache ZooKeeper jar of the Debian package.</summary>
    public const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder log = new();

    private ZooKeeperProcess(string name, int port, string directory, Process process)
    {
        Name = name;
        Port = port;
        Directory = directory;
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Why Apache ZooKeeper cannot be started here, or null when it can.</summary>
    public static string? ApacheSkipReason { get; } =
        !File.Exists(ZooKeeperJar) ? $"Apache ZooKeeper is not installed ({ZooKeeperJar} is missing; Debian package zookeeper)"
        : FindOnPath("java") is null ? "java is not on the PATH, so Apache ZooKeeper cannot run"
        : null;

    /// <summary>"Apache ZooKeeper" or "ActorZk".</summary>
    public string Name { get; }

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The connect string.</summary>
    public string Hosts => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The server's private directory (<c>zoo.cfg</c>, <c>data/</c>, logs).</summary>
    public string Directory { get; }

    /// <summary>The server's PID.</summary>
    public int ProcessId => process.Id;

    /// <summary>The server's console output so far, for failure messages.</summary>
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

    /// <summary>Starts Apache ZooKeeper and waits until it serves.</summary>
    /// <param name="options">Its directory, <c>zoo.cfg</c> and JVM options.</param>
    /// <returns>The serving server.</returns>
    public static async Task<ZooKeeperProcess> StartApacheAsync(ZooKeeperProcessOptions options)
    {
        if (ApacheSkipReason is not null)
        {
            throw new InvalidOperationException(ApacheSkipReason);
        }

        var (port, dir, config) = await PrepareAsync(options);
        var arguments = new List<string> { "-Xmx256m" };
        string classPath;
        if (options.LogToFile)
        {
            var log4j = Path.Combine(dir, "log4j.properties");
            await File.WriteAllTextAsync(log4j, """
                log4j.rootLogger=INFO, FILE
                log4j.appender.FILE=org.apache.log4j.FileAppender
                log4j.appender.FILE.File=${zk.logfile}
                log4j.appender.FILE.layout=org.apache.log4j.PatternLayout
                log4j.appender.FILE.layout.ConversionPattern=%d{ISO8601} - %-5p [%t:%C{1}@%L] - %m%n
                """);
            arguments.Add($"-Dzk.logfile={dir}/zookeeper.log");
            arguments.Add($"-Dlog4j.configuration=file:{log4j}");

            // zookeeper.jar names its dependencies in its manifest; only the logging binding must be added.
            classPath = File.Exists("/usr/share/java/slf4j-log4j12.jar") && File.Exists("/usr/share/java/log4j-1.2.jar")
                ? $"{ZooKeeperJar}:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
                : $"{ZooKeeperJar}:/usr/share/java/*";
        }
        else
        {
            classPath = $"{ZooKeeperJar}:/usr/share/java/*";
        }

        arguments.AddRange(
        [
            "-Dzookeeper.extendedTypesEnabled=true",
            "-Dzookeeper.4lw.commands.whitelist=*",
            "-Dzookeeper.admin.enableServer=false",
            "-Djava.net.preferIPv4Stack=true",
            .. options.JvmOptions,
            "-cp",
            classPath,
            "org.apache.zookeeper.server.quorum.QuorumPeerMain",
            config,
        ]);
        return await StartAsync("Apache ZooKeeper", port, dir, "java", arguments);
    }

    /// <summary>Starts ActorZk (<c>dotnet ActorZk.Server.dll zoo.cfg</c>) and waits until it serves.</summary>
    /// <param name="serverDll">The path of <c>ActorZk.Server.dll</c>.</param>
    /// <param name="options">Its directory and <c>zoo.cfg</c>.</param>
    /// <returns>The serving server.</returns>
    public static async Task<ZooKeeperProcess> StartActorZkAsync(string serverDll, ZooKeeperProcessOptions options)
    {
        var (port, dir, config) = await PrepareAsync(options);
        return await StartAsync("ActorZk", port, dir, "dotnet", [serverDll, config]);
    }

    /// <summary>Sends a four-letter word to this server (see <see cref="Loopback.FourLetterWordAsync"/>).</summary>
    /// <param name="word">The command.</param>
    /// <returns>The answer, or null when none came.</returns>
    public Task<string?> FourLetterWordAsync(string word) => Loopback.FourLetterWordAsync(Port, word);

    /// <summary>The value of one of this server's <c>mntr</c> keys, e.g. <c>zk_znode_count</c>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public Task<long> MonitorValueAsync(string key) => Loopback.MonitorValueAsync(Port, key);

    /// <summary>Freezes (SIGSTOP) or thaws (SIGCONT) the server process, to simulate a hung server.</summary>
    /// <param name="frozen">True to freeze, false to thaw.</param>
    /// <returns>A task completing once every thread of the process is (or is no longer) stopped.</returns>
    public async Task FreezeAsync(bool frozen)
    {
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        using (var kill = Process.Start("kill", [frozen ? "-STOP" : "-CONT", pid]))
        {
            await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill {(frozen ? "-STOP" : "-CONT")} {pid} failed");
            }
        }

        // Signals are delivered asynchronously, thread by thread: wait until every thread of the process is (or is no
        // longer) stopped, or a busy machine lets the server answer a request after "freezing".
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!ProcessThreads.AllInState(process.Id, stopped: frozen))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"process {pid} did not {(frozen ? "stop" : "resume")}");
            }

            await Task.Delay(10);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
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
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be open for a moment; the temp directory is cleaned eventually.
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static async Task<(int Port, string Directory, string Config)> PrepareAsync(ZooKeeperProcessOptions options)
    {
        var port = Loopback.FreePort();
        var dir = Path.Combine(Path.GetTempPath(), $"{options.DirectoryPrefix}-{Environment.ProcessId}-{port}");
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "data"));
        var config = Path.Combine(dir, "zoo.cfg");
        var extra = options.Config.Length == 0 || options.Config.EndsWith('\n') ? options.Config : options.Config + "\n";
        // No AdminServer (default 0.0.0.0:8080, which parallel tests would fight over); the options may turn it back on.
        await File.WriteAllTextAsync(config, $"dataDir={dir}/data\nclientPort={port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n{extra}");
        return (port, dir, config);
    }

    private static async Task<ZooKeeperProcess> StartAsync(string name, int port, string dir, string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ZooKeeperProcess(name, port, dir, Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}"));
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.process.HasExited)
            {
                var text = server.Log;
                await server.DisposeAsync();
                throw new InvalidOperationException($"{name} exited during startup:\n{text}");
            }

            // ruok is answered before the database is loaded; srvr shows a Mode once the server serves sessions.
            if ((await server.FourLetterWordAsync("srvr"))?.Contains("Mode:", StringComparison.Ordinal) == true)
            {
                return server;
            }

            await Task.Delay(100);
        }

        var output = server.Log;
        await server.DisposeAsync();
        throw new TimeoutException($"{name} did not serve within {StartTimeout}:\n{output}");
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
