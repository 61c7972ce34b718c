using System.Globalization;
using System.Text;

namespace ActorZk.Bench.Engine;

/// <summary>Builds UTF-8 znode paths in caller-provided spans, so naming the n-th node allocates nothing.</summary>
internal static class ZnodePath
{
    /// <summary>Room for any path the tool builds (the root is limited to what fits with its suffixes).</summary>
    public const int MaxLength = 512;

    /// <summary>Writes <paramref name="prefix"/> followed by the decimal <paramref name="number"/>; returns the length.</summary>
    public static int Compose(Span<byte> destination, ReadOnlySpan<byte> prefix, long number)
    {
        prefix.CopyTo(destination);
        if (!number.TryFormat(destination[prefix.Length..], out var digits, default, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("path too long for the destination", nameof(destination));
        }

        return prefix.Length + digits;
    }

    /// <summary>The UTF-8 bytes of <paramref name="path"/>.</summary>
    public static byte[] Utf8(string path) => Encoding.UTF8.GetBytes(path);

    /// <summary>
    /// Parses the decimal number at the end of <paramref name="path"/> (after the last non-digit), or -1; used to
    /// find which node a watch event is about without making a string.
    /// </summary>
    public static long TrailingNumber(ReadOnlySpan<byte> path)
    {
        var start = path.Length;
        while (start > 0 && path[start - 1] is >= (byte)'0' and <= (byte)'9')
        {
            start--;
        }

        if (start == path.Length || path.Length - start > 18)
        {
            return -1;
        }

        long value = 0;
        for (var i = start; i < path.Length; i++)
        {
            value = (value * 10) + (path[i] - '0');
        }

        return value;
    }
}
