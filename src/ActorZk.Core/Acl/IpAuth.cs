using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.Core.Acl;

/// <summary>
/// The <c>ip</c> scheme (ZooKeeper's <c>IPAuthenticationProvider</c>): ACL identities are an IPv4 or IPv6
/// address with an optional <c>/bits</c> prefix length; a connection's identity is its remote address.
/// </summary>
public static class IpAuth
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "ip";

    private const int V6Bytes = 16;
    private const int V6Segments = 8;
    private const int V6SegmentHexLength = 4;

    /// <summary>
    /// True if <paramref name="id"/> is a valid ip ACL identity: an address ZooKeeper can parse, and, when a
    /// '/' follows, a prefix length between 0 and the address width.
    /// </summary>
    public static bool IsValid(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? id : id[..slash];
        Span<byte> bytes = stackalloc byte[V6Bytes];
        var length = ParseAddress(address, bytes);
        if (length == 0)
        {
            return false;
        }

        return slash < 0 || TryParseBits(id.AsSpan(slash + 1), length, out _);
    }

    /// <summary>
    /// True if the client address <paramref name="id"/> lies in the ACL expression <paramref name="aclExpr"/>
    /// (an address, optionally with <c>/bits</c>). IPv4 never matches IPv6.
    /// </summary>
    public static bool Matches(string id, string aclExpr)
    {
        var slash = aclExpr.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? aclExpr : aclExpr[..slash];
        Span<byte> acl = stackalloc byte[V6Bytes];
        var aclLength = ParseAddress(address, acl);
        if (aclLength == 0)
        {
            return false;
        }

        var bits = aclLength * 8;
        if (slash >= 0 && !TryParseBits(aclExpr.AsSpan(slash + 1), aclLength, out bits))
        {
            return false;
        }

        Span<byte> remote = stackalloc byte[V6Bytes];
        var remoteLength = ParseAddress(id, remote);
        if (remoteLength == 0 || remoteLength != aclLength)
        {
            return false;
        }

        Mask(acl[..aclLength], bits);
        Mask(remote[..remoteLength], bits);
        return acl[..aclLength].SequenceEqual(remote[..remoteLength]);
    }

    /// <summary>
    /// Formats a remote address as the JVM's <c>getHostAddress</c> does, so that ip identities look the same
    /// as on ZooKeeper: dotted IPv4 (IPv4-mapped IPv6 addresses become IPv4), and IPv6 as eight uncompressed
    /// lower-case hex groups without leading zeros (the scope is left out).
    /// </summary>
    public static string FormatAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[V6Bytes];
        address.TryWriteBytes(bytes, out _);
        var builder = new StringBuilder(39);
        for (var i = 0; i < V6Segments; i++)
        {
            if (i > 0)
            {
                builder.Append(':');
            }

            var segment = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];
            builder.Append(segment.ToString("x", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    // Returns the address width in bytes (4 or 16), or 0 when ZooKeeper would not parse it.
    private static int ParseAddress(string address, Span<byte> output)
    {
        if (address.Contains(':', StringComparison.Ordinal))
        {
            return ParseV6(address, output) ? V6Bytes : 0;
        }

        if (address.Contains('.', StringComparison.Ordinal))
        {
            return ParseV4(address, output) ? 4 : 0;
        }

        return 0;
    }

    private static bool ParseV4(string address, Span<byte> output)
    {
        var parts = address.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            if (!JavaSplit.TryParseInt(parts[i], 10, out var v) || v < 0 || v > 255)
            {
                return false;
            }

            output[i] = (byte)v;
        }

        return true;
    }

    // ZooKeeper's own IPv6 parser (not the platform's): "::" at most once, 1-4 hex digits per group.
    private static bool ParseV6(string address, Span<byte> output)
    {
        var parts = address.Split("::");
        string[] first;
        string[] second = [];
        if (parts.Length == 1)
        {
            first = parts[0].Split(':');
            if (first.Length != V6Segments)
            {
                return false;
            }
        }
        else if (parts.Length == 2)
        {
            first = parts[0].Length == 0 ? [] : parts[0].Split(':');
            second = parts[1].Length == 0 ? [] : parts[1].Split(':');
            if (first.Length + second.Length >= V6Segments)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        output[..V6Bytes].Clear();
        return ParseSegments(output, 0, first) && ParseSegments(output, V6Bytes - (second.Length * 2), second);
    }

    private static bool ParseSegments(Span<byte> output, int index, string[] segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment.Length > V6SegmentHexLength
                || !JavaSplit.TryParseInt(segment, 16, out var value))
            {
                return false;
            }

            output[index++] = (byte)((value >> 8) & 0xff);
            output[index++] = (byte)(value & 0xff);
        }

        return true;
    }

    private static bool TryParseBits(ReadOnlySpan<char> text, int addressBytes, out int bits)
        => JavaSplit.TryParseInt(text, 10, out bits) && bits >= 0 && bits <= addressBytes * 8;

    private static void Mask(Span<byte> bytes, int bits)
    {
        var start = bits / 8;
        var startMask = ~((1 << (8 - (bits % 8))) - 1);
        while (start < bytes.Length)
        {
            bytes[start] &= (byte)startMask;
            startMask = 0;
            start++;
        }
    }
}
