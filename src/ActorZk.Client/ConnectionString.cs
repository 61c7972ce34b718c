using System.Globalization;
using System.Net;

namespace ActorZk.Client;

/// <summary>
/// A parsed ZooKeeper connect string: <c>host[:port][,host[:port]...][/chroot]</c>. Hosts may be names, IPv4
/// addresses or bracketed IPv6 addresses (<c>[::1]:2181</c>); the port defaults to 2181.
/// </summary>
public sealed class ConnectionString
{
    /// <summary>The port used when a host has none.</summary>
    public const int DefaultPort = 2181;

    private ConnectionString(string original, IReadOnlyList<DnsEndPoint> hosts, string? chrootPath)
    {
        Original = original;
        Hosts = hosts;
        ChrootPath = chrootPath;
    }

    /// <summary>The servers, in the order written.</summary>
    public IReadOnlyList<DnsEndPoint> Hosts { get; }

    /// <summary>The chroot every path is relative to, or <see langword="null"/> for none (a bare "/" is none).</summary>
    public string? ChrootPath { get; }

    /// <summary>The string this was parsed from.</summary>
    public string Original { get; }

    /// <summary>Parses a connect string.</summary>
    /// <param name="connectString">The connect string.</param>
    /// <returns>The parsed connect string.</returns>
    /// <exception cref="ArgumentException">It is blank, lists no host, has a bad port, or an invalid chroot.</exception>
    public static ConnectionString Parse(string connectString)
    {
        if (string.IsNullOrWhiteSpace(connectString))
        {
            throw new ArgumentException("Connect string cannot be null or empty", nameof(connectString));
        }

        var serverPart = connectString;
        string? chroot = null;
        var slash = connectString.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            chroot = connectString[slash..];
            serverPart = connectString[..slash];
            if (chroot.Length == 1)
            {
                // "/" is the same as no chroot.
                chroot = null;
            }
            else
            {
                PathValidator.Validate(chroot, parameterName: nameof(connectString));
            }
        }

        var hosts = new List<DnsEndPoint>();
        foreach (var raw in serverPart.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            hosts.Add(ParseHost(raw, connectString));
        }

        if (hosts.Count == 0)
        {
            throw new ArgumentException($"Connect string \"{connectString}\" lists no server", nameof(connectString));
        }

        return new ConnectionString(connectString, hosts, chroot);
    }

    /// <inheritdoc />
    public override string ToString() => Original;

    private static DnsEndPoint ParseHost(string host, string connectString)
    {
        string name;
        string? port = null;
        if (host.StartsWith('['))
        {
            // Bracketed IPv6 literal: "[addr]" or "[addr]:port".
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException($"Unterminated IPv6 address \"{host}\" in \"{connectString}\"", nameof(connectString));
            }

            name = host[1..close];
            var rest = host[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    throw new ArgumentException($"Invalid server \"{host}\" in \"{connectString}\"", nameof(connectString));
                }

                port = rest[1..];
            }
        }
        else
        {
            var colon = host.LastIndexOf(':');
            if (colon >= 0)
            {
                name = host[..colon];
                port = host[(colon + 1)..];
            }
            else
            {
                name = host;
            }
        }

        var portNumber = DefaultPort;

        // As ZooKeeper, a ':' with nothing after it means the default port.
        if (!string.IsNullOrEmpty(port)
            && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            throw new ArgumentException($"Invalid port in \"{host}\" of \"{connectString}\"", nameof(connectString));
        }

        if (name.Length == 0)
        {
            throw new ArgumentException($"Missing host name in \"{host}\" of \"{connectString}\"", nameof(connectString));
        }

        return new DnsEndPoint(name, portNumber);
    }
}
