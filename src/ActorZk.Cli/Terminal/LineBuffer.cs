using System.Text;

namespace ActorZk.Cli.Terminal;

/// <summary>The text of the line being edited and the cursor in it; every edit keeps the cursor in range.</summary>
internal sealed class LineBuffer
{
    private readonly StringBuilder text = new();

    /// <summary>The text.</summary>
    public string Text => text.ToString();

    /// <summary>The cursor, from 0 (before the first character) to the text's length.</summary>
    public int Cursor { get; private set; }

    /// <summary>The text's length.</summary>
    public int Length => text.Length;

    /// <summary>Inserts at the cursor and moves past the insertion.</summary>
    /// <param name="value">The text to insert.</param>
    public void Insert(string value)
    {
        text.Insert(Cursor, value);
        Cursor += value.Length;
    }

    /// <summary>Deletes the character before the cursor.</summary>
    /// <returns>True when something was deleted.</returns>
    public bool Backspace()
    {
        if (Cursor == 0)
        {
            return false;
        }

        text.Remove(--Cursor, 1);
        return true;
    }

    /// <summary>Deletes the character under the cursor.</summary>
    /// <returns>True when something was deleted.</returns>
    public bool Delete()
    {
        if (Cursor == text.Length)
        {
            return false;
        }

        text.Remove(Cursor, 1);
        return true;
    }

    /// <summary>Deletes the word before the cursor (and the blanks after it), as Ctrl-W in a shell.</summary>
    public void DeleteWordBefore()
    {
        var start = Cursor;
        while (start > 0 && text[start - 1] == ' ')
        {
            start--;
        }

        while (start > 0 && text[start - 1] != ' ')
        {
            start--;
        }

        text.Remove(start, Cursor - start);
        Cursor = start;
    }

    /// <summary>Deletes from the start of the line to the cursor.</summary>
    public void DeleteToStart()
    {
        text.Remove(0, Cursor);
        Cursor = 0;
    }

    /// <summary>Deletes from the cursor to the end of the line.</summary>
    public void DeleteToEnd() => text.Remove(Cursor, text.Length - Cursor);

    /// <summary>Moves the cursor, staying within the text.</summary>
    /// <param name="delta">Characters to move (negative: left).</param>
    public void Move(int delta) => Cursor = Math.Clamp(Cursor + delta, 0, text.Length);

    /// <summary>Moves the cursor to the start.</summary>
    public void Home() => Cursor = 0;

    /// <summary>Moves the cursor to the end.</summary>
    public void End() => Cursor = text.Length;

    /// <summary>Replaces the whole text and puts the cursor at its end.</summary>
    /// <param name="value">The new text.</param>
    public void Set(string value)
    {
        text.Clear().Append(value);
        Cursor = value.Length;
    }

    /// <summary>Replaces the characters from <paramref name="start"/> to the cursor, leaving the cursor after the replacement.</summary>
    /// <param name="start">Where the replaced part starts (at most the cursor).</param>
    /// <param name="value">The replacement.</param>
    public void ReplaceBeforeCursor(int start, string value)
    {
        start = Math.Clamp(start, 0, Cursor);
        text.Remove(start, Cursor - start).Insert(start, value);
        Cursor = start + value.Length;
    }
}
