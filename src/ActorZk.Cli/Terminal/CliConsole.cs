namespace ActorZk.Cli.Terminal;

/// <summary>The streams the shell runs on, and the terminal when it is interactive.</summary>
/// <param name="In">Lines of commands when not interactive.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Err">Standard error.</param>
/// <param name="Terminal">The keyboard and screen for line editing, or null when standard input is redirected.</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Err, ITerminal? Terminal)
{
    /// <summary>The process console: interactive unless standard input is redirected.</summary>
    /// <returns>The console.</returns>
    public static CliConsole FromSystemConsole()
        => new(Console.In, Console.Out, Console.Error, Console.IsInputRedirected ? null : new SystemTerminal());
}
