namespace ActorZk.Ensemble.Tests.Infrastructure;

/// <summary>
/// An ensemble test: skipped, with the reason, when no ensemble can run here, or when a tool it names in
/// <see cref="Requires"/> is missing: "netns" (network namespaces, root), "kazoo" (python3-kazoo), "zkcli"
/// (zkCli.sh) or "curator" (Curator jars and javac).
/// </summary>
public sealed class EnsembleFactAttribute : FactAttribute
{
    /// <summary>Comma-separated extra needs: netns, kazoo, zkcli, curator.</summary>
    public string Requires { get; set; } = string.Empty;

    /// <inheritdoc />
    public override string Skip
    {
        get => base.Skip ?? EnsembleTarget.SkipReason ?? Prerequisites.SkipReason(Requires)!;
        set => base.Skip = value;
    }
}

/// <summary>Checks for the tools some tests need.</summary>
public static class Prerequisites
{
    /// <summary>The Python interpreter that has kazoo (Debian's python3-kazoo).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Apache ZooKeeper's command line client.</summary>
    public const string ZkCli = "/usr/share/zookeeper/bin/zkCli.sh";

    /// <summary>Curator's jars (Debian libcurator-*-java).</summary>
    public static readonly string[] CuratorJars =
    [
        "/usr/share/java/curator-recipes.jar", "/usr/share/java/curator-framework.jar", "/usr/share/java/curator-client.jar",
    ];

    private static readonly Lazy<string?> Netns = new(() => NetnsNetwork.ProbeAsync().GetAwaiter().GetResult());
    private static readonly Lazy<string?> Kazoo = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing";
        }

        var result = Shell.RunAsync(Python, ["-c", "import kazoo"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return result.ExitCode == 0 ? null : "python3-kazoo is not installed";
    });

    /// <summary>Why a test needing these tools cannot run, or null.</summary>
    /// <param name="requires">Comma-separated needs.</param>
    /// <returns>The reason, or null.</returns>
    public static string? SkipReason(string requires)
    {
        foreach (var need in requires.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var reason = need switch
            {
                "netns" => Netns.Value,
                "kazoo" => Kazoo.Value,
                "zkcli" => File.Exists(ZkCli) ? null : $"{ZkCli} is missing (apt-get install zookeeper)",
                "curator" => CuratorJars.All(File.Exists) && Shell.Exists("javac") && Shell.Exists("java")
                    ? null
                    : "Curator (libcurator-recipes-java) or javac is missing",
                _ => throw new ArgumentException($"unknown requirement '{need}'", nameof(requires)),
            };
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }
}
