namespace ActorZk.Linearizability.Znodes;

/// <summary>Settings of a <see cref="ZooKeeperWorkload"/>.</summary>
public sealed record ZooKeeperWorkloadOptions
{
    /// <summary>Connect strings (no chroot); client i uses entry i modulo the count, so clients can be spread over
    /// the servers of an ensemble or all given the full list.</summary>
    public required IReadOnlyList<string> ConnectionStrings { get; init; }

    /// <summary>The parent znode of the workload's paths; created if missing. Defaults to a fresh
    /// <c>/lincheck-&lt;guid&gt;</c>.</summary>
    public string Root { get; init; } = $"/lincheck-{Guid.NewGuid():N}";

    /// <summary>How many znodes (children of <see cref="Root"/>) the clients contend on.</summary>
    public int Paths { get; init; } = 3;

    /// <summary>How many concurrent clients (each its own session, one request at a time).</summary>
    public int Clients { get; init; } = 6;

    /// <summary>Operations per client; a client stops earlier when <see cref="Duration"/> is up.</summary>
    public int OperationsPerClient { get; init; } = 300;

    /// <summary>
    /// A client's pause before each operation after its first, so that the operations spread over
    /// <see cref="Duration"/> instead of finishing early on a fast server (and before the faults a test injects).
    /// </summary>
    public TimeSpan Pause { get; init; } = TimeSpan.Zero;

    /// <summary>No operation starts after this long (one in flight finishes, or times out, first).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Seeds the operation choices (client i uses seed + i).</summary>
    public int Seed { get; init; }

    /// <summary>The session timeout asked for.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request may go unanswered before the client gives up on it (it becomes indeterminate).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt to establish a session may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
