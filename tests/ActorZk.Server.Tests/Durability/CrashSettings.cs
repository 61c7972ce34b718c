using System.Globalization;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// The size of a crash run. Rounds and seed come from the environment so that a soak run can ask for many
/// rounds (ACTORZK_CRASH_ROUNDS) and a failure can be replayed with its seed (ACTORZK_CRASH_SEED).
/// </summary>
internal sealed record CrashSettings
{
    public int Seed { get; init; }

    public int Rounds { get; init; } = 3;

    public int Sessions { get; init; } = 8;

    /// <summary>Upper bound of requests per session and round, so that a round is bounded in work too.</summary>
    public int MaxOpsPerSession { get; init; } = 400;

    /// <summary>Requests a session keeps in flight.</summary>
    public int PipelineDepth { get; init; } = 8;

    /// <summary>Negotiated session timeout: short, so that abandoned sessions expire quickly after the restart.</summary>
    public int SessionTimeoutMs { get; init; } = 3000;

    public int SharedNodes { get; init; } = 4;

    /// <summary>Small, so that recovery usually starts from a snapshot and replays a tail.</summary>
    public int SnapCount { get; init; } = 100;

    public static CrashSettings FromEnvironment()
    {
        var seed = ReadInt("ACTORZK_CRASH_SEED") ?? Random.Shared.Next(1, int.MaxValue);
        var rounds = ReadInt("ACTORZK_CRASH_ROUNDS") ?? 3;

        // The seed also picks snapCount, so a replay sees snapshots at the same places.
        var snapCount = new Random(seed).Next(20, 400);
        return new CrashSettings { Seed = seed, Rounds = Math.Max(1, rounds), SnapCount = snapCount };
    }

    private static int? ReadInt(string name)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
