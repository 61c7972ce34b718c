using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Durability;

/// <summary>Runs a <see cref="CrashScenario"/> for an xunit test: seed first in the output, problems in the failure.</summary>
internal static class CrashRun
{
    /// <summary>zoo.cfg lines of a crash run: short sessions, frequent snapshots, autopurge on.</summary>
    public static string ZooCfg(CrashSettings settings) => string.Create(CultureInfo.InvariantCulture, $"""
        minSessionTimeout=400
        maxSessionTimeout=10000
        snapCount={settings.SnapCount}
        autopurge.snapRetainCount=3
        autopurge.purgeInterval=1
        """);

    public static async Task RunAsync(DurableServer server, CrashSettings settings, ITestOutputHelper output)
    {
        var replay = $"replay with ACTORZK_CRASH_SEED={settings.Seed} ACTORZK_CRASH_ROUNDS={settings.Rounds}";
        output.WriteLine($"seed {settings.Seed} ({replay}); {settings.Rounds} rounds, {settings.Sessions} sessions, snapCount {settings.SnapCount}, dataDir {server.DataDir}");
        IReadOnlyList<string> problems;
        try
        {
            problems = await new CrashScenario(server, settings, output.WriteLine).RunAsync();
        }
        catch (Exception e)
        {
            output.WriteLine(Tail(server.AllOutput));
            throw new InvalidOperationException($"the crash run failed ({replay}): {e.Message}", e);
        }

        // The soak script keeps every server log (all generations) for a look after the run.
        if (Environment.GetEnvironmentVariable("ACTORZK_CRASH_LOG_DIR") is { Length: > 0 } logDir)
        {
            Directory.CreateDirectory(logDir);
            var file = Path.Combine(logDir, string.Create(CultureInfo.InvariantCulture, $"{server.StorageName}-seed{settings.Seed}.log"));
            await File.WriteAllTextAsync(file, server.AllOutput);
            output.WriteLine($"server logs: {file}");
        }

        if (problems.Count > 0)
        {
            output.WriteLine(Tail(server.AllOutput));
            Assert.Fail($"{problems.Count} durability problems ({replay}):\n{string.Join('\n', problems.Take(40))}");
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 150)));
    }
}
