using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Runtime.InteropServices;

namespace ActorZk.Server.Admin;

/// <summary>
/// Facts about the running process that envi and mntr print. Kept apart from <see cref="ServerSnapshot"/> because
/// they belong to the operating system, not to the peer actor, and so that tests can fix them.
/// </summary>
public sealed record ProcessFacts
{
    private const long Mb = 1024 * 1024;

    // Looked up once per process: envi runs on the caller's thread, and a slow resolver must not stall it each time.
    private static readonly Lazy<string> HostNameOnce = new(() => Safe(CanonicalHostName), LazyThreadSafetyMode.ExecutionAndPublication);

    public string HostName { get; init; } = "<NA>";

    /// <summary>As Java's os.name: "Linux", "Mac OS X", "Windows", "FreeBSD".</summary>
    public string OsName { get; init; } = "<NA>";

    /// <summary>As Java's os.arch: "amd64", "aarch64", "x86", "arm".</summary>
    public string OsArch { get; init; } = "<NA>";

    /// <summary>As Java's os.version: the kernel release on Linux.</summary>
    public string OsVersion { get; init; } = "<NA>";

    public string UserName { get; init; } = "<NA>";

    public string UserHome { get; init; } = "<NA>";

    public string UserDir { get; init; } = "<NA>";

    /// <summary>Committed GC heap not in use, in MB (Java: Runtime.freeMemory()).</summary>
    public long MemoryFreeMb { get; init; }

    /// <summary>The most memory the GC may use, in MB (Java: Runtime.maxMemory()).</summary>
    public long MemoryMaxMb { get; init; }

    /// <summary>Committed GC heap, in MB (Java: Runtime.totalMemory()).</summary>
    public long MemoryTotalMb { get; init; }

    /// <summary>The runtime version, e.g. "10.0.1".</summary>
    public string DotnetVersion { get; init; } = "<NA>";

    /// <summary>E.g. ".NET 10.0.1".</summary>
    public string DotnetFramework { get; init; } = "<NA>";

    /// <summary>E.g. "linux-x64".</summary>
    public string DotnetRuntimeIdentifier { get; init; } = "<NA>";

    /// <summary>The directory of the shared runtime (Java's counterpart: java.home).</summary>
    public string DotnetHome { get; init; } = "<NA>";

    /// <summary>The directory the application was loaded from (Java's counterpart: java.class.path).</summary>
    public string DotnetAppBase { get; init; } = "<NA>";

    public string DotnetTempDir { get; init; } = "<NA>";

    /// <summary>"server" or "workstation", concurrent or not.</summary>
    public string DotnetGc { get; init; } = "<NA>";

    /// <summary>Open descriptors of this process; null where the OS does not say (ZooKeeper then omits the mntr line).</summary>
    public long? OpenFileDescriptorCount { get; init; }

    /// <summary>The soft RLIMIT_NOFILE of this process; null where unknown.</summary>
    public long? MaxFileDescriptorCount { get; init; }

    /// <summary>Reads the facts of this process now. Never throws: an unreadable fact stays "&lt;NA&gt;" or null.</summary>
    public static ProcessFacts Capture()
    {
        var memory = GC.GetGCMemoryInfo();
        var used = GC.GetTotalMemory(forceFullCollection: false);
        var committed = Math.Max(memory.TotalCommittedBytes, used);
        return new ProcessFacts
        {
            HostName = HostNameOnce.Value,
            OsName = Safe(OsNameLikeJava),
            OsArch = Safe(OsArchLikeJava),
            OsVersion = Safe(OsVersionLikeJava),
            UserName = Safe(() => Environment.UserName),
            UserHome = Safe(() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)),
            UserDir = Safe(() => Environment.CurrentDirectory),
            MemoryFreeMb = (committed - used) / Mb,
            MemoryMaxMb = memory.TotalAvailableMemoryBytes / Mb,
            MemoryTotalMb = committed / Mb,
            DotnetVersion = Environment.Version.ToString(),
            DotnetFramework = RuntimeInformation.FrameworkDescription,
            DotnetRuntimeIdentifier = RuntimeInformation.RuntimeIdentifier,
            DotnetHome = Safe(() => Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory())),
            DotnetAppBase = Safe(() => Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)),
            DotnetTempDir = Safe(() => Path.TrimEndingDirectorySeparator(Path.GetTempPath())),
            DotnetGc = (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? string.Empty : ", concurrent"),
            OpenFileDescriptorCount = OpenDescriptors(),
            MaxFileDescriptorCount = MaxDescriptors(),
        };
    }

    /// <summary>
    /// What envi and the AdminServer's environment command list. ZooKeeper lists Java system properties; ActorZk
    /// keeps the keys that mean the same on .NET (zookeeper.version, host.name, os.*, user.*, os.memory.*) at
    /// ZooKeeper's positions, and in place of ZooKeeper's java.version, java.vendor, java.home, java.class.path,
    /// java.library.path, java.io.tmpdir and java.compiler lists dotnet.version, dotnet.framework, dotnet.home,
    /// dotnet.app.base, dotnet.rid, dotnet.io.tmpdir and dotnet.gc. os.memory.* describe the GC heap, as Java's
    /// describe the JVM heap.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentEntries() =>
    [
        new("zookeeper.version", ServerVersion.Full),
        new("host.name", HostName),
        new("dotnet.version", DotnetVersion),
        new("dotnet.framework", DotnetFramework),
        new("dotnet.home", DotnetHome),
        new("dotnet.app.base", DotnetAppBase),
        new("dotnet.rid", DotnetRuntimeIdentifier),
        new("dotnet.io.tmpdir", DotnetTempDir),
        new("dotnet.gc", DotnetGc),
        new("os.name", OsName),
        new("os.arch", OsArch),
        new("os.version", OsVersion),
        new("user.name", UserName),
        new("user.home", UserHome),
        new("user.dir", UserDir),
        new("os.memory.free", JavaText.Dec(MemoryFreeMb) + "MB"),
        new("os.memory.max", JavaText.Dec(MemoryMaxMb) + "MB"),
        new("os.memory.total", JavaText.Dec(MemoryTotalMb) + "MB"),
    ];

    private static string Safe(Func<string> read)
    {
        try
        {
            var value = read();
            return string.IsNullOrEmpty(value) ? "<NA>" : value;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException
                                      or PlatformNotSupportedException or InvalidOperationException or ArgumentException)
        {
            return "<NA>";
        }
    }

    // Java's InetAddress.getLocalHost().getCanonicalHostName(): resolve our host name to its first address, then
    // name that address by a reverse lookup (falling back to the address itself, as Java does).
    private static string CanonicalHostName()
    {
        var addresses = Dns.GetHostAddresses(Dns.GetHostName());
        if (addresses.Length == 0)
        {
            return "<NA>";
        }

        try
        {
            return Dns.GetHostEntry(addresses[0]).HostName;
        }
        catch (SocketException)
        {
            return addresses[0].ToString();
        }
    }

    private static string OsNameLikeJava()
    {
        if (OperatingSystem.IsLinux())
        {
            return "Linux";
        }

        if (OperatingSystem.IsMacOS())
        {
            return "Mac OS X";
        }

        if (OperatingSystem.IsWindows())
        {
            return "Windows";
        }

        return OperatingSystem.IsFreeBSD() ? "FreeBSD" : RuntimeInformation.OSDescription;
    }

    private static string OsArchLikeJava() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => OperatingSystem.IsMacOS() ? "x86_64" : "amd64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => OperatingSystem.IsLinux() ? "i386" : "x86",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string OsVersionLikeJava()
    {
        // Java reports uname's release ("6.1.0-18-amd64"); Environment.OSVersion drops the suffix on Linux.
        const string release = "/proc/sys/kernel/osrelease";
        if (OperatingSystem.IsLinux() && File.Exists(release))
        {
            return File.ReadAllText(release).Trim();
        }

        return Environment.OSVersion.Version.ToString();
    }

    private static long? OpenDescriptors()
    {
        try
        {
            return Directory.Exists("/proc/self/fd") ? Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? MaxDescriptors()
    {
        // /proc/self/limits: "Max open files            1048576              1048576              files"
        try
        {
            if (!File.Exists("/proc/self/limits"))
            {
                return null;
            }

            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft))
                {
                    return soft;
                }

                // "unlimited": Java's UnixOperatingSystemMXBean reports Long.MAX_VALUE.
                return fields.Length > 0 && fields[0] == "unlimited" ? long.MaxValue : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
