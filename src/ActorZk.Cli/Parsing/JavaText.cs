using System.Globalization;

namespace ActorZk.Cli.Parsing;

/// <summary>
/// The few Java library behaviours zkCli's output depends on: <c>String.split</c> (trailing empty strings dropped),
/// <c>Integer.parseInt</c>/<c>Long.parseLong</c> (a sign and decimal digits, nothing else) and <c>Integer.decode</c>
/// (also <c>0x</c>, <c>#</c> and octal).
/// </summary>
internal static class JavaText
{
    /// <summary>Java's <c>text.split(separator)</c> for a one-character literal separator.</summary>
    /// <param name="text">The text.</param>
    /// <param name="separator">The separator.</param>
    /// <returns>The parts; trailing empty parts removed, and the text itself when the separator does not occur.</returns>
    public static IReadOnlyList<string> Split(string text, char separator)
    {
        if (text.Length == 0)
        {
            return [text];
        }

        var parts = new List<string>(text.Split(separator));
        while (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts;
    }

    /// <summary>Java's <c>Integer.parseInt</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>False where Java throws NumberFormatException.</returns>
    public static bool TryParseInt(string text, out int value)
    {
        value = 0;
        return IsDecimal(text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Java's <c>Long.parseLong</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>False where Java throws NumberFormatException.</returns>
    public static bool TryParseLong(string text, out long value)
    {
        value = 0;
        return IsDecimal(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Java's <c>Integer.decode</c>: decimal, <c>0x</c>/<c>0X</c>/<c>#</c> hexadecimal, or octal with a leading 0.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>False where Java throws NumberFormatException.</returns>
    public static bool TryDecodeInt(string text, out int value)
    {
        value = 0;
        var index = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            index = 1;
        }

        var radix = 10;
        if (string.CompareOrdinal(text, index, "0x", 0, 2) == 0 || string.CompareOrdinal(text, index, "0X", 0, 2) == 0)
        {
            radix = 16;
            index += 2;
        }
        else if (string.CompareOrdinal(text, index, "#", 0, 1) == 0)
        {
            radix = 16;
            index++;
        }
        else if (string.CompareOrdinal(text, index, "0", 0, 1) == 0 && text.Length > index + 1)
        {
            radix = 8;
            index++;
        }

        var digits = text[index..];
        if (digits.Length == 0 || digits[0] is '-' or '+')
        {
            return false;
        }

        long magnitude = 0;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
            if (magnitude > 1L + int.MaxValue)
            {
                return false;
            }
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)signed;
        return true;
    }

    /// <summary>The message of the NumberFormatException Java throws for <paramref name="text"/>.</summary>
    /// <param name="text">The text that did not parse.</param>
    /// <returns>The exception's text as Java prints it.</returns>
    public static string NumberFormatError(string text) => $"java.lang.NumberFormatException: For input string: \"{text}\"";

    private static bool IsDecimal(string text)
    {
        var start = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
