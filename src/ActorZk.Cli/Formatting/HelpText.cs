using System.Text;
using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Formatting;

/// <summary>commons-cli's <c>HelpFormatter.printHelp</c> output for single-letter options (what <c>ls -?</c> prints).</summary>
internal static class HelpText
{
    /// <summary>Formats the help: the usage line, then one line per option sorted case-insensitively.</summary>
    /// <param name="syntax">The command syntax after "usage: ".</param>
    /// <param name="options">The options.</param>
    /// <returns>The text, each line ending with "\n".</returns>
    public static string Format(string syntax, IEnumerable<OptionSpec> options)
    {
        var text = new StringBuilder("usage: ").Append(syntax).Append('\n');
        foreach (var option in options.OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase))
        {
            // One space of left padding, the option, three spaces, the description (all options have one letter).
            text.Append(" -").Append(option.Name).Append(option.TakesValue ? " <arg>" : string.Empty)
                .Append("   ").Append(option.Description).Append('\n');
        }

        return text.ToString();
    }
}
