using System.Globalization;
using System.Text;

namespace ActorZk.Cli.Terminal;

/// <summary>
/// Reads lines from a terminal with editing (arrows, Home/End, Backspace/Delete, Ctrl-A/E/B/F/U/K/W), history
/// (Up/Down, Ctrl-P/N) and tab completion, redrawing with ANSI sequences, for the interactive shell.
/// </summary>
/// <remarks>
/// The line may wrap over several screen rows: like linenoise's multi-line mode, the editor remembers on which row
/// of the line the cursor is, so that each redraw starts from the prompt's row.
/// </remarks>
internal sealed class LineEditor
{
    private const int MaxHistory = 500;

    private readonly ITerminal terminal;
    private readonly Completer? completer;
    private readonly List<string> history = [];

    // The row of the cursor, counted from the prompt's row, after the last redraw.
    private int cursorRow;

    /// <summary>Creates the editor.</summary>
    /// <param name="terminal">The keyboard and screen.</param>
    /// <param name="completer">Tab completion, or null for none.</param>
    public LineEditor(ITerminal terminal, Completer? completer)
    {
        this.terminal = terminal;
        this.completer = completer;
    }

    /// <summary>The lines entered so far, oldest first (what Up walks through).</summary>
    public IReadOnlyList<string> History => history;

    /// <summary>Shows <paramref name="prompt"/> and reads one line.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The line, or null at end of input (Ctrl-D on an empty line).</returns>
    public async Task<string?> ReadLineAsync(string prompt)
    {
        var buffer = new LineBuffer();
        var browsing = history.Count;
        var draft = string.Empty;
        cursorRow = 0;
        terminal.Write(prompt);
        while (true)
        {
            var key = terminal.ReadKey();
            var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    MoveToEnd(prompt, buffer);
                    terminal.Write("\n");
                    Remember(buffer.Text);
                    return buffer.Text;
                case ConsoleKey.D when control:
                    if (buffer.Length == 0)
                    {
                        terminal.Write("\n");
                        return null;
                    }

                    buffer.Delete();
                    break;
                case ConsoleKey.Backspace:
                    buffer.Backspace();
                    break;
                case ConsoleKey.Delete:
                    buffer.Delete();
                    break;
                case ConsoleKey.LeftArrow:
                case ConsoleKey.B when control:
                    buffer.Move(-1);
                    break;
                case ConsoleKey.RightArrow:
                case ConsoleKey.F when control:
                    buffer.Move(1);
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    buffer.Home();
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    buffer.End();
                    break;
                case ConsoleKey.U when control:
                    buffer.DeleteToStart();
                    break;
                case ConsoleKey.K when control:
                    buffer.DeleteToEnd();
                    break;
                case ConsoleKey.W when control:
                    buffer.DeleteWordBefore();
                    break;
                case ConsoleKey.UpArrow:
                case ConsoleKey.P when control:
                    if (browsing > 0)
                    {
                        if (browsing == history.Count)
                        {
                            draft = buffer.Text;
                        }

                        buffer.Set(history[--browsing]);
                    }

                    break;
                case ConsoleKey.DownArrow:
                case ConsoleKey.N when control:
                    if (browsing < history.Count)
                    {
                        browsing++;
                        buffer.Set(browsing == history.Count ? draft : history[browsing]);
                    }

                    break;
                case ConsoleKey.Tab:
                    await CompleteAsync(prompt, buffer);
                    break;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                    {
                        var typed = key.KeyChar.ToString();
                        var atEnd = buffer.Cursor == buffer.Length;
                        buffer.Insert(typed);

                        // Typing at the end of a line that does not reach the screen's edge only needs the echo.
                        var width = Math.Max(1, terminal.Width);
                        if (atEnd && (prompt.Length + buffer.Length) % width != 0)
                        {
                            terminal.Write(typed);
                            cursorRow = (prompt.Length + buffer.Cursor) / width;
                            continue;
                        }
                    }

                    break;
            }

            Redraw(prompt, buffer);
        }
    }

    private async Task CompleteAsync(string prompt, LineBuffer buffer)
    {
        if (completer is null)
        {
            return;
        }

        var completion = await completer.CompleteAsync(buffer.Text, buffer.Cursor);
        var word = buffer.Text[completion.Start..buffer.Cursor];
        if (completion.Candidates.Count == 1)
        {
            // A command is followed by its arguments; a znode may be followed by "/child", so no space after it.
            var only = completion.Candidates[0];
            buffer.ReplaceBeforeCursor(completion.Start, only.StartsWith('/') ? only : only + " ");
        }
        else if (completion.CommonPrefix.Length > word.Length)
        {
            buffer.ReplaceBeforeCursor(completion.Start, completion.CommonPrefix);
        }
        else if (completion.Candidates.Count > 1)
        {
            // Nothing more to complete: list the candidates under the line, then draw the line again below them.
            MoveToEnd(prompt, buffer);
            terminal.Write("\n" + Columns(completion.Candidates) + prompt);
            cursorRow = 0;
            Redraw(prompt, buffer);
        }
    }

    private string Columns(IReadOnlyList<string> candidates)
    {
        var width = candidates.Max(c => c.Length) + 2;
        var perRow = Math.Max(1, terminal.Width / width);
        var text = new StringBuilder();
        for (var i = 0; i < candidates.Count; i++)
        {
            var last = i % perRow == perRow - 1 || i == candidates.Count - 1;
            text.Append(last ? candidates[i] : candidates[i].PadRight(width));
            if (last)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private void Remember(string line)
    {
        if (line.Trim().Length == 0 || (history.Count > 0 && history[^1] == line))
        {
            return;
        }

        history.Add(line);
        if (history.Count > MaxHistory)
        {
            history.RemoveAt(0);
        }
    }

    // Redraws prompt and text from the prompt's row, clears what the previous drawing left below, and puts the
    // cursor back at its position in the text.
    private void Redraw(string prompt, LineBuffer buffer)
    {
        var width = Math.Max(1, terminal.Width);
        var text = new StringBuilder();
        if (cursorRow > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\u001b[{cursorRow}A");
        }

        text.Append('\r').Append(prompt).Append(buffer.Text).Append("\u001b[J");
        var end = prompt.Length + buffer.Length;
        var endRow = end / width;

        // At an exact multiple of the width the terminal has not wrapped yet: force the new row so that the
        // arithmetic below holds.
        if (end > 0 && end % width == 0)
        {
            text.Append("\n\r");
        }

        var target = prompt.Length + buffer.Cursor;
        var targetRow = target / width;
        if (endRow > targetRow)
        {
            text.Append(CultureInfo.InvariantCulture, $"\u001b[{endRow - targetRow}A");
        }

        text.Append('\r');
        if (target % width > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\u001b[{target % width}C");
        }

        cursorRow = targetRow;
        terminal.Write(text.ToString());
    }

    // Puts the cursor after the text, so that what follows is written below the whole line.
    private void MoveToEnd(string prompt, LineBuffer buffer)
    {
        if (buffer.Cursor != buffer.Length)
        {
            buffer.End();
            Redraw(prompt, buffer);
        }
    }
}
