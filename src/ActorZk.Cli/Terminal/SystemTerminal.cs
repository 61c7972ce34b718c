namespace ActorZk.Cli.Terminal;

/// <summary>The process console as an <see cref="ITerminal"/>.</summary>
internal sealed class SystemTerminal : ITerminal
{
    /// <inheritdoc />
    public int Width
    {
        get
        {
            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
            }
            catch (IOException)
            {
                return 80;
            }
        }
    }

    /// <inheritdoc />
    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);

    /// <inheritdoc />
    public void Write(string text)
    {
        Console.Out.Write(text);
        Console.Out.Flush();
    }
}
