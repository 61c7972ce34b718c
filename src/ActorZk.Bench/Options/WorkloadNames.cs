namespace ActorZk.Bench.Options;

/// <summary>The command-line and JSON names of <see cref="Workload"/> values.</summary>
internal static class WorkloadNames
{
    /// <summary>Every workload with its name, in the order the help lists them.</summary>
    public static IReadOnlyList<(string Name, Workload Workload)> All { get; } =
    [
        ("create", Workload.Create),
        ("get", Workload.Get),
        ("set", Workload.Set),
        ("delete", Workload.Delete),
        ("getchildren", Workload.GetChildren),
        ("ephemeral-seq", Workload.EphemeralSequential),
        ("mixed", Workload.Mixed),
        ("watch", Workload.Watch),
    ];

    /// <summary>The name of <paramref name="workload"/>.</summary>
    public static string NameOf(Workload workload)
    {
        foreach (var (name, value) in All)
        {
            if (value == workload)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(workload), workload, null);
    }

    /// <summary>Parses a name (case-insensitive).</summary>
    public static bool TryParse(string text, out Workload workload)
    {
        foreach (var (name, value) in All)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                workload = value;
                return true;
            }
        }

        workload = default;
        return false;
    }
}
