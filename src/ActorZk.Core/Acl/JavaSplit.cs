namespace ActorZk.Core.Acl;

/// <summary>
/// Java's <c>String.split</c> on a single character, whose rules the ACL schemes depend on: trailing empty
/// parts are dropped unless a negative limit is given.
/// </summary>
internal static class JavaSplit
{
    /// <summary>Number of parts <c>s.split(separator)</c> returns in Java (trailing empty parts removed).</summary>
    public static int CountParts(string s, char separator)
    {
        if (s.IndexOf(separator, StringComparison.Ordinal) < 0)
        {
            // Java returns the input itself when the separator never matches, even an empty input.
            return 1;
        }

        var partIndex = 0;
        var keptParts = 0;
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i == s.Length || s[i] == separator)
            {
                partIndex++;
                if (i > start)
                {
                    keptParts = partIndex;
                }

                start = i + 1;
            }
        }

        return keptParts;
    }

    /// <summary>Java's <c>s.split(separator, -1)</c>: every part, trailing empty ones included.</summary>
    public static string[] SplitAll(string s, char separator) => s.Split(separator);

    /// <summary>Java's <c>Integer.parseInt(s, radix)</c>: optional sign, at least one digit, no overflow.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> s, int radix, out int value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        var negative = false;
        var i = 0;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
            if (s.Length == 1)
            {
                return false;
            }
        }

        long result = 0;
        for (; i < s.Length; i++)
        {
            var digit = Digit(s[i], radix);
            if (digit < 0)
            {
                return false;
            }

            result = (result * radix) + digit;
            if (result > (long)int.MaxValue + 1)
            {
                return false;
            }
        }

        if (negative)
        {
            result = -result;
        }

        if (result > int.MaxValue || result < int.MinValue)
        {
            return false;
        }

        value = (int)result;
        return true;
    }

    // Character.digit accepts every Unicode decimal digit, and ASCII letters for radix 16.
    private static int Digit(char c, int radix)
    {
        int d;
        if (c is >= '0' and <= '9')
        {
            d = c - '0';
        }
        else if (c is >= 'a' and <= 'z')
        {
            d = c - 'a' + 10;
        }
        else if (c is >= 'A' and <= 'Z')
        {
            d = c - 'A' + 10;
        }
        else if (char.IsDigit(c))
        {
            d = (int)char.GetNumericValue(c);
        }
        else
        {
            return -1;
        }

        return d < radix ? d : -1;
    }
}
