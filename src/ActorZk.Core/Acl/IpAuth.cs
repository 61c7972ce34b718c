using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.Core.Acl;

/// <summary>
/// The <c>ip</c> scheme (ZooKeeper 3.8.0's <c>IPAuthenticationProvider</c>): ACL identities are an IPv4 address
/// with an optional <c>/bits</c> prefix length; a connection's identity is its remote address. 3.8.0 parses
/// IPv4 only (its <c>addr2Bytes</c> has a "TODO Write the v6addr2Bytes"), so an IPv6 ACL identity is invalid
/// and an IPv6 client matches no ip ACL; IPv6 support came in later versions.
/// </summary>
public static class IpAuth
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "ip";

    private const int V4Bytes = 4;
    private const int V6Bytes = 16;
    private const int V6Segments = 8;

    /// <summary>
    /// True if <paramref name="id"/> is a valid ip ACL identity: a dotted IPv4 address and, when a '/' follows,
    /// a prefix length between 0 and 32.
    /// </summary>
    public static bool IsValid(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? id : id[..slash];
        Span<byte> bytes = stackalloc byte[V4Bytes];
        if (!ParseV4(address, bytes))
        {
            return false;
        }

        return slash < 0 || TryParseBits(id.AsSpan(slash + 1), out _);
    }

    /// <summary>
    /// True if the client address <paramref name="id"/> lies in the ACL expression <paramref name="aclExpr"/>
    /// (an IPv4 address, optionally with <c>/bits</c>). An IPv6 client address never matches.
    /// </summary>
    public static bool Matches(string id, string aclExpr)
    {
        var slash = aclExpr.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? aclExpr : aclExpr[..slash];
        Span<byte> acl = stackalloc byte[V4Bytes];
        if (!ParseV4(address, acl))
        {
            return false;
        }

        var bits = V4Bytes * 8;
        if (slash >= 0 && !TryParseBits(aclExpr.AsSpan(slash + 1), out bits))
        {
            return false;
        }

        Span<byte> remote = stackalloc byte[V4Bytes];
        if (!ParseV4(id, remote))
        {
            return false;
        }

        Mask(acl, bits);
        Mask(remote, bits);
        return acl.SequenceEqual(remote);
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

    // 3.8.0's v4addr2Bytes: split("\\.", -1) into exactly four Integer.parseInt values in 0..255.
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

    private static bool TryParseBits(ReadOnlySpan<char> text, out int bits)
        => JavaSplit.TryParseInt(text, 10, out bits) && bits >= 0 && bits <= V4Bytes * 8;

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
