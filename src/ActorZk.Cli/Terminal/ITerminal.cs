namespace ActorZk.Cli.Terminal;

/// <summary>The keyboard and screen the line editor works with (the real console, or a script in tests).</summary>
internal interface ITerminal
{
    /// <summary>The screen width in columns.</summary>
    int Width { get; }

    /// <summary>Waits for the next key, without echoing it.</summary>
    /// <returns>The key.</returns>
    ConsoleKeyInfo ReadKey();

    /// <summary>Writes text (including ANSI cursor sequences) to the screen.</summary>
    /// <param name="text">The text.</param>
    void Write(string text);
}
