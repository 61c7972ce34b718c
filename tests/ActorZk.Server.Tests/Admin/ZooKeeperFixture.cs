using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace ActorZk.Server.Tests.Admin;

/// <summary>
/// Loads a reply captured from a real ZooKeeper 3.8.0 (Fixtures/README.md) and matches ActorZk's reply against it,
/// one '\n'-separated segment per line, placeholders standing for the parts that vary between runs.
/// </summary>
internal static class ZooKeeperFixture
{
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["{version}"] = @"3\.8\.0-[^,\s]+, built on \d{4}-\d\d-\d\d \d\d:\d\d UTC",
        ["{n}"] = @"-?\d+",
        ["{float}"] = @"-?\d+\.\d+(E-?\d+)?",
        ["{hex}"] = "[0-9a-f]+",
        ["{addr}"] = @"/(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:%]+\]):\d+",
        ["{date}"] = @"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d [A-Z]{3} \d{4}",
        ["{path}"] = "/.*",
        ["{any}"] = ".*",
    };

    private static readonly Regex Placeholder = new(@"\{(version|n|float|hex|addr|date|path|any)\}", RegexOptions.CultureInvariant);

    /// <summary>The fixture's segment patterns, as written in the file.</summary>
    public static IReadOnlyList<string> Load(string role, string word)
    {
        var text = File.ReadAllText(PathOf(role, word), Encoding.ASCII).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(text.EndsWith('\n'), $"{role}/{word}.txt must end with a newline");
        return text[..^1].Split('\n');
    }

    /// <summary>Fails unless <paramref name="actual"/> has the fixture's segments, each matching its pattern.</summary>
    public static void AssertMatches(string role, string word, string actual)
    {
        var patterns = Load(role, word);
        var segments = actual.Split('\n');
        for (var i = 0; i < Math.Min(patterns.Count, segments.Length); i++)
        {
            Assert.True(
                ToRegex(patterns[i]).IsMatch(segments[i]),
                $"{role}/{word} segment {i + 1}: expected pattern\n  {patterns[i]}\nbut got\n  {segments[i]}\nfull reply:\n{actual}");
        }

        Assert.True(
            patterns.Count == segments.Length,
            $"{role}/{word}: ZooKeeper's reply has {patterns.Count} segments, ActorZk's {segments.Length}; full reply:\n{actual}");
    }

    /// <summary>A fixture line as an anchored regex: literal text escaped, placeholders expanded.</summary>
    public static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        var last = 0;
        foreach (Match match in Placeholder.Matches(pattern))
        {
            regex.Append(Regex.Escape(pattern[last..match.Index])).Append(Placeholders[match.Value]);
            last = match.Index + match.Length;
        }

        regex.Append(Regex.Escape(pattern[last..])).Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }

    private static string PathOf(string role, string word, [CallerFilePath] string here = "")
    {
        // Prefer copies next to the test assembly if the project ever copies them; otherwise read them from the
        // source tree, which works with any --artifacts-path because the compiler records this file's path.
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Admin", "Fixtures", role, word + ".txt"),
            Path.Combine(Path.GetDirectoryName(here) ?? ".", "Fixtures", role, word + ".txt"),
        };
        return candidates.FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"fixture {role}/{word}.txt not found; looked at {string.Join(", ", candidates)}");
    }
}
