using System.Globalization;

namespace ActorZk.Bench.Options;

/// <summary>
/// Parses the command line into <see cref="BenchOptions"/>. Accepts <c>--name value</c> and <c>--name=value</c>;
/// anything unknown or out of range is an <see cref="OptionException"/>, so a typo never silently measures
/// something else.
/// </summary>
internal static class OptionParser
{
    /// <summary>The largest znode payload ZooKeeper accepts by default (jute.maxbuffer less the request's framing).</summary>
    public const int MaxPayload = 1024 * 1024 - 1024;

    /// <summary>The help text.</summary>
    public static string Usage { get; } = $"""
        usage: ActorZk.Bench [options]
        A load generator for any server speaking the ZooKeeper protocol.

          --servers host:port[,...]  servers; sessions are spread round robin (default 127.0.0.1:2181)
          --workload NAME            {string.Join(" | ", WorkloadNames.All.Select(w => w.Name))} (default get)
          --sessions N               client sessions (default 1); watch opens N watchers and N writers
          --outstanding N            requests in flight per session (default 1)
          --ops N                    measured operations over all sessions (default 10000)
          --payload BYTES            znode data size (default 100)
          --duration SECONDS         time cap of the measured phase and of the warm-up (default 30)
          --warmup N                 operations run before measuring, then discarded (default 1000)
          --root PATH                znode under which the tool makes and removes its tree (default /actorzk-bench)
          --children N               children of the listed node for getchildren (default 100)
          --read-ratio R             fraction of reads for mixed, 0..1 (default 0.9)
          --server-pid PID[,...]     local server processes: report their CPU time per op (from /proc)
          --json                     one JSON line per run on stdout (the table goes to stderr)
          -h, --help                 this text
        """;

    /// <summary>Parses <paramref name="args"/>; returns null when help was asked for.</summary>
    /// <exception cref="OptionException">The command line is invalid.</exception>
    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return null;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionException($"unexpected argument '{arg}'");
            }

            string name;
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
            }

            if (name == "--json")
            {
                if (inline is not null)
                {
                    throw new OptionException("--json takes no value");
                }

                options = options with { Json = true };
                continue;
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new OptionException($"{name} needs a value");
                }

                return args[++i];
            }

            options = name switch
            {
                "--servers" => options with { Servers = ParseServers(Value()) },
                "--workload" => options with { Workload = ParseWorkload(Value()) },
                "--sessions" => options with { Sessions = (int)ParseLong(name, Value(), 1, 10_000) },
                "--outstanding" => options with { Outstanding = (int)ParseLong(name, Value(), 1, 100_000) },
                "--ops" => options with { Ops = ParseLong(name, Value(), 1, long.MaxValue / 4) },
                "--payload" => options with { Payload = (int)ParseLong(name, Value(), 0, MaxPayload) },
                "--duration" => options with { Duration = ParseDuration(name, Value()) },
                "--warmup" => options with { Warmup = ParseLong(name, Value(), 0, long.MaxValue / 4) },
                "--root" => options with { Root = ParseRoot(Value()) },
                "--children" => options with { Children = (int)ParseLong(name, Value(), 1, 1_000_000) },
                "--read-ratio" => options with { ReadRatio = ParseRatio(name, Value()) },
                "--server-pid" => options with { ServerPids = ParsePids(name, Value()) },
                _ => throw new OptionException($"unknown option '{name}' (see --help)"),
            };
        }

        return options;
    }

    private static List<ServerAddress> ParseServers(string text)
    {
        var list = new List<ServerAddress>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ServerAddress.TryParse(part, out var address))
            {
                throw new OptionException($"--servers: '{part}' is not host:port");
            }

            list.Add(address!);
        }

        if (list.Count == 0)
        {
            throw new OptionException("--servers: no server given");
        }

        return list;
    }

    private static Workload ParseWorkload(string text)
        => WorkloadNames.TryParse(text, out var workload)
            ? workload
            : throw new OptionException(
                $"--workload: unknown workload '{text}' (one of {string.Join(", ", WorkloadNames.All.Select(w => w.Name))})");

    private static long ParseLong(string name, string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new OptionException($"{name}: '{text}' is not a whole number");
        }

        if (value < min || value > max)
        {
            throw new OptionException($"{name}: {value} is out of range [{min}, {max}]");
        }

        return value;
    }

    private static TimeSpan ParseDuration(string name, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || seconds <= 0 || seconds > 86_400)
        {
            throw new OptionException($"{name}: '{text}' is not a number of seconds in (0, 86400]");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static double ParseRatio(string name, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio)
            || double.IsNaN(ratio) || ratio < 0 || ratio > 1)
        {
            throw new OptionException($"{name}: '{text}' is not a fraction in [0, 1]");
        }

        return ratio;
    }

    private static string ParseRoot(string text)
    {
        // The tool appends "/run-..." to it, so the root must itself be a valid, non-root absolute path.
        if (text.Length < 2 || text[0] != '/' || text[^1] == '/' || text.Contains("//", StringComparison.Ordinal)
            || text.Contains('\0', StringComparison.Ordinal) || text.Split('/').Any(p => p is "." or ".."))
        {
            throw new OptionException($"--root: '{text}' is not an absolute znode path other than /");
        }

        return text;
    }

    private static List<int> ParsePids(string name, string text)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add((int)ParseLong(name, part, 1, int.MaxValue));
        }

        if (list.Count == 0)
        {
            throw new OptionException($"{name}: no pid given");
        }

        return list;
    }
}
