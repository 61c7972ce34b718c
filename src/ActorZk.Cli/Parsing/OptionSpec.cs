namespace ActorZk.Cli.Parsing;

/// <summary>One single-letter option of a command, as declared to commons-cli by zkCli's command classes.</summary>
/// <param name="Name">The option letter (without the dash).</param>
/// <param name="TakesValue">Whether the option takes a value (<c>-v 3</c>, <c>-v3</c>, <c>-v=3</c>).</param>
/// <param name="Description">The description shown by <c>ls -?</c>.</param>
internal sealed record OptionSpec(string Name, bool TakesValue, string Description)
{
    /// <summary>A flag without value.</summary>
    /// <param name="name">The option letter.</param>
    /// <param name="description">The description.</param>
    /// <returns>The option.</returns>
    public static OptionSpec Flag(string name, string description) => new(name, false, description);

    /// <summary>An option with a value.</summary>
    /// <param name="name">The option letter.</param>
    /// <param name="description">The description.</param>
    /// <returns>The option.</returns>
    public static OptionSpec WithValue(string name, string description) => new(name, true, description);
}
