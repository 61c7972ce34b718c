namespace ActorZk.Ensemble.Tests.Infrastructure;

/// <summary>
/// Which server the ensemble tests run: <c>ACTORZK_ENSEMBLE_TARGET=actorzk</c> (the default) or <c>apache</c>
/// (Apache ZooKeeper 3.8 from the Debian package, the reference the tests were proven against).
/// </summary>
public static class EnsembleTarget
{
    /// <summary>The environment variable choosing the target.</summary>
    public const string Variable = "ACTORZK_ENSEMBLE_TARGET";

    /// <summary>The environment variable overriding tickTime (milliseconds, default 1000).</summary>
    public const string TickVariable = "ACTORZK_ENSEMBLE_TICK_MS";

    /// <summary>The environment variable naming a file every measured timing is appended to.</summary>
    public const string ResultsVariable = "ACTORZK_ENSEMBLE_RESULTS";

    /// <summary>The environment variable keeping the ensembles' directories (logs, data) after the tests.</summary>
    public const string KeepVariable = "ACTORZK_ENSEMBLE_KEEP";

    /// <summary>actorzk or apache.</summary>
    public static string Impl { get; } = (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? v.Trim() : "actorzk").ToLowerInvariant();

    /// <summary>tickTime of the ensembles the tests start.</summary>
    public static int TickTime { get; } = int.TryParse(Environment.GetEnvironmentVariable(TickVariable), out var t) && t > 0 ? t : 1000;

    /// <summary>The repository root (the directory holding ActorZk.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>deploy/local/ensemble.sh.</summary>
    public static string Script => Path.Combine(RepoRoot, "deploy", "local", "ensemble.sh");

    /// <summary>Why no ensemble can be run here, or null.</summary>
    public static string? SkipReason { get; } = ComputeSkipReason();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorZk.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string? ComputeSkipReason()
    {
        if (Impl is not ("actorzk" or "apache"))
        {
            // Not a skip: a typo must not turn the suite green.
            throw new InvalidOperationException($"{Variable} must be actorzk or apache, got '{Impl}'");
        }

        if (!OperatingSystem.IsLinux())
        {
            return "the ensemble tests need Linux (setsid, /proc, signals)";
        }

        foreach (var tool in new[] { "bash", "setsid", "nc", "timeout", "kill" })
        {
            if (!Shell.Exists(tool))
            {
                return $"'{tool}' is not installed";
            }
        }

        if (!File.Exists(Script))
        {
            return $"{Script} is missing";
        }

        if (Impl == "apache" && (!Shell.Exists("java") || !File.Exists("/usr/share/java/zookeeper.jar")))
        {
            return "Apache ZooKeeper is not installed (apt-get install zookeeper)";
        }

        if (Impl == "actorzk" && !Shell.Exists("dotnet"))
        {
            return "dotnet is not on the PATH";
        }

        return null;
    }
}
