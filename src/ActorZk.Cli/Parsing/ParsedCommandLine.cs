namespace ActorZk.Cli.Parsing;

/// <summary>The outcome of <see cref="OptionParser.Parse"/>: the positional words and the options seen.</summary>
internal sealed class ParsedCommandLine
{
    private readonly Dictionary<string, string?> options;

    /// <summary>Creates the result.</summary>
    /// <param name="args">The positional words, the command name first.</param>
    /// <param name="options">The options seen, each with its first value (null for flags).</param>
    public ParsedCommandLine(IReadOnlyList<string> args, Dictionary<string, string?> options)
    {
        Args = args;
        this.options = options;
    }

    /// <summary>The positional words; the command name is the first, as commons-cli returns them to zkCli.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>Whether the option was given.</summary>
    /// <param name="name">The option letter.</param>
    /// <returns>True when given.</returns>
    public bool Has(string name) => options.ContainsKey(name);

    /// <summary>The first value given to the option, or null.</summary>
    /// <param name="name">The option letter.</param>
    /// <returns>The value, or null.</returns>
    public string? Value(string name) => options.GetValueOrDefault(name);
}
