using System.Diagnostics;
using System.Globalization;
using ActorZk.Server.Tests.Hosting;
using Npgsql;
using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// A private PostgreSQL cluster for the tests: initdb in a temp directory, trust authentication on loopback
/// only, a free port, its socket in its own directory; stopped with pg_ctl (which signals the postmaster named
/// in its own postmaster.pid) when the test collection ends. PostgreSQL refuses to run as root, so as root the
/// binaries run as the <c>postgres</c> OS user through runuser. Its defaults (fsync=on, synchronous_commit=on)
/// are kept: the server checks them, and they are what makes a commit durable.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private static readonly Lazy<string?> BinDirectory = new(FindBinDirectory);
    private string? root;
    private string? dataDirectory;
    private int databases;

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason
    {
        get
        {
            if (OperatingSystem.IsWindows())
            {
                return "the PostgreSQL tests start a private cluster with the Debian binaries; they run on Linux";
            }

            if (BinDirectory.Value is null)
            {
                return "PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH; install the Debian package postgresql (tests/install-deps.sh does)";
            }

            if (Environment.UserName != "root")
            {
                return null;
            }

            // PostgreSQL will not run as root: the binaries then run as the postgres user the Debian package creates.
            if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
            {
                return "running as root needs runuser to start PostgreSQL as the postgres user";
            }

            return File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal))
                ? null
                : "running as root needs the postgres OS user (created by the Debian package postgresql) to start PostgreSQL";
        }
    }

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        if (UnavailableReason is not null || OperatingSystem.IsWindows())
        {
            return;
        }

        root = Directory.CreateTempSubdirectory("actorzk-pg-").FullName;

        // The postgres user must be able to create its data directory here; the directory is private to the test run otherwise.
        File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
        dataDirectory = Path.Combine(root, "pgdata");
        Port = ServerProcess.FreePort();
        await RunAsync("initdb", "-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");

        // Loopback only: the hba file initdb wrote already trusts local, 127.0.0.1/32 and ::1/128 and nothing else.
        var options = string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {dataDirectory} -h 127.0.0.1 -c max_connections=200");
        await RunAsync("pg_ctl", "-D", dataDirectory, "-o", options, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "start");
    }

    public async Task DisposeAsync()
    {
        if (dataDirectory is not null && File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            await RunAsync("pg_ctl", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "60", "stop");
        }

        if (root is not null)
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A fresh, empty database on the cluster; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (UnavailableReason is not null)
        {
            throw new InvalidOperationException(UnavailableReason);
        }

        var name = $"actorzk_{Interlocked.Increment(ref databases)}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>A connection string to <paramref name="database"/>; Pooling off so that tests never hold idle sessions.</summary>
    public string ConnectionString(string database)
        => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=false");

    private static string? FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .ToList()
            : [];
        if (versions.Count > 0)
        {
            return versions[0];
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        var executable = Path.Combine(BinDirectory.Value!, tool);
        ProcessStartInfo info;
        if (Environment.UserName == "root")
        {
            info = new ProcessStartInfo("runuser");
            foreach (var arg in new[] { "-u", "postgres", "--", executable })
            {
                info.ArgumentList.Add(arg);
            }
        }
        else
        {
            info = new ProcessStartInfo(executable);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The postgres user may not be allowed into the test's working directory.
        info.WorkingDirectory = Path.GetTempPath();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;

        // pg_ctl's postmaster inherits nothing it could keep open here: its output goes to its log file.
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not run {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish within 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
