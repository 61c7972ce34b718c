namespace ActorZk.Bench.Options;

/// <summary>One run of the load generator, as given on the command line (see <see cref="OptionParser"/>).</summary>
internal sealed record BenchOptions
{
    /// <summary>Servers to connect to; sessions are spread over them round robin (<c>--servers</c>).</summary>
    public IReadOnlyList<ServerAddress> Servers { get; init; } = [new("127.0.0.1", 2181)];

    /// <summary>What to measure (<c>--workload</c>).</summary>
    public Workload Workload { get; init; } = Workload.Get;

    /// <summary>Client sessions; the watch workload opens this many watchers plus as many writers (<c>--sessions</c>).</summary>
    public int Sessions { get; init; } = 1;

    /// <summary>Requests in flight per session (<c>--outstanding</c>).</summary>
    public int Outstanding { get; init; } = 1;

    /// <summary>Measured operations over all sessions (<c>--ops</c>).</summary>
    public long Ops { get; init; } = 10_000;

    /// <summary>Znode data size in bytes for create, set, mixed and watch (<c>--payload</c>).</summary>
    public int Payload { get; init; } = 100;

    /// <summary>Time cap of the measured phase, and separately of the warm-up (<c>--duration</c>).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Operations run and discarded before the measured phase (<c>--warmup</c>).</summary>
    public long Warmup { get; init; } = 1_000;

    /// <summary>The znode under which the tool makes (and removes) its own tree (<c>--root</c>).</summary>
    public string Root { get; init; } = "/actorzk-bench";

    /// <summary>Children of the listed node in the getchildren workload (<c>--children</c>).</summary>
    public int Children { get; init; } = 100;

    /// <summary>Fraction of reads in the mixed workload (<c>--read-ratio</c>).</summary>
    public double ReadRatio { get; init; } = 0.9;

    /// <summary>Print one JSON line per run on stdout; the table goes to stderr (<c>--json</c>).</summary>
    public bool Json { get; init; }

    /// <summary>Local server processes whose CPU time is measured over the measured phase (<c>--server-pid</c>).</summary>
    public IReadOnlyList<int> ServerPids { get; init; } = [];

    /// <summary>Requested session timeout in milliseconds; the tool pings at a third of the negotiated one.</summary>
    public int SessionTimeoutMs { get; init; } = 30_000;

    /// <summary>The <c>--servers</c> value as given back in the output.</summary>
    public string ServersText => string.Join(',', Servers);
}
