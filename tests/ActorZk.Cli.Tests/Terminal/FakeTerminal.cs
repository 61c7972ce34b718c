using System.Text;
using ActorZk.Cli.Terminal;

namespace ActorZk.Cli.Tests.Terminal;

/// <summary>A terminal that replays scripted keys and records what is drawn.</summary>
internal sealed class FakeTerminal : ITerminal
{
    private readonly Queue<ConsoleKeyInfo> keys = new();
    private readonly StringBuilder screen = new();
    private readonly object sync = new();

    public FakeTerminal(int width = 80)
    {
        Width = width;
    }

    public int Width { get; }

    public string Screen
    {
        get
        {
            lock (sync)
            {
                return screen.ToString();
            }
        }
    }

    public static ConsoleKeyInfo Key(ConsoleKey key, bool control = false)
        => new('\0', key, shift: false, alt: false, control);

    public static ConsoleKeyInfo Char(char c)
        => new(c, char.IsAsciiLetter(c) ? (ConsoleKey)char.ToUpperInvariant(c) : ConsoleKey.Oem1, char.IsUpper(c), alt: false, control: false);

    /// <summary>Queues the characters of <paramref name="text"/>; '\n' becomes Enter, '\t' Tab.</summary>
    public FakeTerminal Type(string text)
    {
        foreach (var c in text)
        {
            Press(c switch
            {
                '\n' => Key(ConsoleKey.Enter),
                '\t' => Key(ConsoleKey.Tab),
                _ => Char(c),
            });
        }

        return this;
    }

    public FakeTerminal Press(params ConsoleKeyInfo[] pressed)
    {
        lock (sync)
        {
            foreach (var key in pressed)
            {
                keys.Enqueue(key);
            }

            Monitor.PulseAll(sync);
        }

        return this;
    }

    public ConsoleKeyInfo ReadKey()
    {
        lock (sync)
        {
            // A test that runs out of keys ends the input as Ctrl-D would, rather than hanging.
            if (keys.Count == 0 && !Monitor.Wait(sync, TimeSpan.FromSeconds(10)))
            {
                return Key(ConsoleKey.D, control: true);
            }

            return keys.Count == 0 ? Key(ConsoleKey.D, control: true) : keys.Dequeue();
        }
    }

    public void Write(string text)
    {
        lock (sync)
        {
            screen.Append(text);
        }
    }
}
