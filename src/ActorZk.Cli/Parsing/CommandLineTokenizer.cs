using System.Text.RegularExpressions;

namespace ActorZk.Cli.Parsing;

/// <summary>
/// Splits a shell line into words exactly as zkCli does (ZooKeeperMain's <c>ARGS_PATTERN</c> and <c>QUOTED_PATTERN</c>):
/// a word is either a run of non-blanks that does not start with a quote, or a whole "double-" or 'single-quoted'
/// string whose quotes are dropped. Its corner cases are kept on purpose, because scripts written for zkCli rely on
/// them: <c>"a"b</c> is two words, an unterminated quote is skipped, and a line of blanks yields one blank word.
/// </summary>
internal static partial class CommandLineTokenizer
{
    // Java's \s and \S are ASCII-only, unlike .NET's, so the classes are spelled out.
    private const string Blank = @"[ \t\n\x0B\f\r]";
    private const string NonBlank = @"[^ \t\n\x0B\f\r]";

    /// <summary>Splits <paramref name="line"/> into words; empty when it has none.</summary>
    /// <param name="line">The line, without its line terminator.</param>
    /// <returns>The words, quotes removed.</returns>
    public static IReadOnlyList<string> Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        foreach (Match match in WordPattern().Matches(line))
        {
            var word = match.Groups[1].Value;
            if (QuotedPattern().IsMatch(word))
            {
                word = word[1..^1];
            }

            words.Add(word);
        }

        return words;
    }

    [GeneratedRegex(Blank + "*([^\"']" + NonBlank + "*|\"[^\"]*\"|'[^']*')" + Blank + "*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    // Java's '.' stops at any line terminator, .NET's only at '\n'.
    [GeneratedRegex("^(['\"])[^\n\r\u0085\u2028\u2029]*\\1\\z", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPattern();
}
