using ActorZk.Protocol;

namespace ActorZk.Cli.Formatting;

/// <summary>
/// ZooKeeper's <c>ConfigUtils.getClientConfigStr</c>, printed by <c>config -c</c>: the config version, a space, and
/// the client addresses of the <c>server.N</c> entries, comma-separated.
/// </summary>
internal static class ClientConfig
{
    /// <summary>Formats the dynamic configuration text as zkCli's <c>config -c</c>.</summary>
    /// <param name="configData">The content of /zookeeper/config.</param>
    /// <returns>"version host:port,host:port".</returns>
    public static string Format(string configData)
    {
        var version = string.Empty;
        var servers = new List<string>();
        foreach (var (key, value) in InJavaPropertiesOrder(Parse(configData)))
        {
            if (key == "version")
            {
                version = value;
            }

            if (key.StartsWith("server.", StringComparison.Ordinal))
            {
                servers.Add(ClientAddress(value));
            }
        }

        return version + " " + string.Join(",", servers);
    }

    // "host:quorumPort:electionPort[:role][;[clientHost:]clientPort]" -> "clientHost:clientPort", or "" without one.
    private static string ClientAddress(string server)
    {
        var semicolon = server.IndexOf(';', StringComparison.Ordinal);
        if (semicolon < 0)
        {
            return string.Empty;
        }

        var client = server[(semicolon + 1)..].Trim();
        var colon = client.LastIndexOf(':');
        return colon < 0 ? "0.0.0.0:" + client : client;
    }

    // java.util.Properties.load for the simple "key=value" lines of a dynamic config file.
    private static List<(string Key, string Value)> Parse(string text)
    {
        var entries = new List<(string Key, string Value)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            var (key, value) = separator < 0 ? (line, string.Empty) : (line[..separator].Trim(), line[(separator + 1)..].Trim());
            var existing = entries.FindIndex(e => e.Key == key);
            if (existing >= 0)
            {
                entries[existing] = (key, value);
            }
            else
            {
                entries.Add((key, value));
            }
        }

        return entries;
    }

    // Properties iterates its ConcurrentHashMap by bucket (String.hashCode, spread, 16 buckets until it holds 12
    // entries), so zkCli lists the servers in that order rather than the file's.
    private static IEnumerable<(string Key, string Value)> InJavaPropertiesOrder(List<(string Key, string Value)> entries)
    {
        var buckets = 16;
        while (entries.Count >= buckets - (buckets >> 2))
        {
            buckets *= 2;
        }

        return entries
            .Select((entry, index) => (entry, index, bucket: JavaHash.Spread(JavaHash.Of(entry.Key)) & (buckets - 1)))
            .OrderBy(e => e.bucket)
            .ThenBy(e => e.index)
            .Select(e => e.entry);
    }
}
