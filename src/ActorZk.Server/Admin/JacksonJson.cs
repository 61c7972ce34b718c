using System.Collections;
using System.Globalization;
using System.Text;

namespace ActorZk.Server.Admin;

/// <summary>
/// Writes JSON the way ZooKeeper's AdminServer does (Jackson's default pretty printer): two-space indented objects
/// with <c>"key" : value</c>, arrays on one line (<c>[ 1, 2 ]</c>, objects inside them still indented), <c>{ }</c>
/// and <c>[ ]</c> when empty, "\n" line ends and no newline at the end. Scripts that grep the text see the same lines.
/// </summary>
public static class JacksonJson
{
    /// <summary>The JSON text of <paramref name="value"/> (see <see cref="JsonFields"/> for the value types).</summary>
    public static string Write(object? value)
    {
        var text = new StringBuilder();
        WriteValue(text, value, 0);
        return text.ToString();
    }

    private static void WriteValue(StringBuilder text, object? value, int nesting)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case string s:
                WriteString(text, s);
                break;
            case int i:
                text.Append(JavaText.Dec(i));
                break;
            case long l:
                text.Append(JavaText.Dec(l));
                break;
            case double d:
                text.Append(JavaText.Double(d));
                break;
            case JsonFields fields:
                WriteObject(text, fields, nesting);
                break;
            case IEnumerable items:
                WriteArray(text, items, nesting);
                break;
            default:
                throw new ArgumentException($"no JSON form for {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteObject(StringBuilder text, JsonFields fields, int nesting)
    {
        if (fields.Count == 0)
        {
            text.Append("{ }");
            return;
        }

        text.Append('{');
        for (var i = 0; i < fields.Count; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n").Append(' ', (nesting + 1) * 2);
            WriteString(text, fields[i].Key);
            text.Append(" : ");
            WriteValue(text, fields[i].Value, nesting + 1);
        }

        text.Append('\n').Append(' ', nesting * 2).Append('}');
    }

    // Jackson's arrays are inline: they add no indentation level of their own.
    private static void WriteArray(StringBuilder text, IEnumerable items, int nesting)
    {
        text.Append('[');
        var first = true;
        foreach (var item in items)
        {
            text.Append(first ? " " : ", ");
            first = false;
            WriteValue(text, item, nesting);
        }

        text.Append(" ]");
    }

    // Jackson escapes quotes, backslashes and control characters, nothing else (not '/', not non-ASCII).
    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
