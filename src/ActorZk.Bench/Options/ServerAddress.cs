using System.Globalization;

namespace ActorZk.Bench.Options;

/// <summary>One <c>host:port</c> of <c>--servers</c>.</summary>
/// <param name="Host">A host name or IP address (IPv6 in brackets on the command line).</param>
/// <param name="Port">The client port.</param>
internal sealed record ServerAddress(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c>, <c>[v6]:port</c>, or a bare host (port 2181, as ZooKeeper's connect string).</summary>
    public static bool TryParse(string text, out ServerAddress? address)
    {
        address = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        string host;
        string? port;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length == 0)
            {
                port = null;
            }
            else if (rest[0] == ':')
            {
                port = rest[1..];
            }
            else
            {
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                host = text;
                port = null;
            }
            else
            {
                host = text[..colon];
                port = text[(colon + 1)..];
            }
        }

        var number = 2181;
        if (host.Length == 0
            || (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535)))
        {
            return false;
        }

        address = new ServerAddress(host, number);
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
        => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
