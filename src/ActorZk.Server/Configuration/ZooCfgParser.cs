using System.Globalization;
using ActorZk.Protocol.Framing;

namespace ActorZk.Server.Configuration;

/// <summary>
/// Reads a ZooKeeper zoo.cfg (Java properties syntax: <c>key=value</c>, <c>key: value</c> or <c>key value</c>,
/// <c>#</c>/<c>!</c> comments). A value that cannot be used fails with the file, the line and the problem;
/// unknown keys are kept and reported as warnings, never fatal, as ZooKeeper does.
/// </summary>
public static class ZooCfgParser
{
    // Keys ZooKeeper knows that ActorZk accepts without acting on them (yet); they are not warned about.
    private static readonly HashSet<string> AcceptedKeys = new(StringComparer.Ordinal)
    {
        "globalOutstandingLimit", "preAllocSize", "leaderServes", "cnxTimeout", "electionAlg", "forceSync",
        "skipACL", "admin.httpVersion", "admin.portUnification",
        "metricsProvider.className", "metricsProvider.httpPort", "reconfigEnabled", "dynamicConfigFile",
        "secureClientPort", "secureClientPortAddress", "syncEnabled", "autopurge.snapRetainCount", "autopurge.purgeInterval",
        "snapCount", "electionPortBindRetry", "localSessionsEnabled", "localSessionsUpgradingEnabled",
        "maxResponseCacheSize", "fsync.warningthresholdms", "serverCnxnFactory", "clientCnxnSocket",
        "snapshotSizeFactor", "zookeeper.snapshotSizeFactor",
    };

    /// <summary>Reads and validates a zoo.cfg file.</summary>
    public static (ServerConfig Config, IReadOnlyList<string> Warnings) ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the configuration file: {e.Message}", e);
        }

        var (config, warnings) = Parse(text, path);
        config = config with { InitialConfigText = text };
        var all = new List<string>(warnings);
        return (ResolveMember(config, all), all);
    }

    /// <summary>
    /// For a member of an ensemble (not standalone): reads its server id from <c>dataDir/myid</c> and checks it
    /// against the <c>server.N</c> lines, as ZooKeeper's QuorumPeerConfig does: the id must be listed, a client
    /// part of the member's own line must agree with clientPort (or supplies it), and the member's role comes from
    /// the server list (a different <c>peerType</c> is a warning, not an error). Standalone configs pass unchanged.
    /// </summary>
    /// <param name="config">A parsed configuration.</param>
    /// <param name="warnings">Where warnings are added.</param>
    public static ServerConfig ResolveMember(ServerConfig config, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(warnings);
        if (config.IsStandalone)
        {
            return config with { MyId = 0 };
        }

        var source = config.SourcePath ?? "zoo.cfg";
        var (myId, myIdPath) = MyIdFile.Read(config.DataDir);
        var self = config.Peers.FirstOrDefault(p => p.Id == myId)
                   ?? throw new ConfigException(
                       $"{myIdPath}: server id {myId} is not in the server.N list of {source} (listed: {string.Join(", ", config.Peers.Select(p => p.Id).Order())})");

        var clientPort = config.ClientPort;
        var clientAddress = config.ClientPortAddress;
        if (self.ClientPort is { } linePort)
        {
            // ZooKeeper's setupClientPort: the server line wins, but a clientPort/clientPortAddress given as well must agree with it.
            var addressesDiffer = self.ClientAddress is not null && clientAddress is not null
                                  && !IsWildcard(self.ClientAddress) && !IsWildcard(clientAddress)
                                  && !string.Equals(self.ClientAddress, clientAddress, StringComparison.OrdinalIgnoreCase);
            if ((config.ClientPortConfigured && linePort != config.ClientPort) || addressesDiffer)
            {
                throw new ConfigException(
                    $"{source}:{self.Line}: server.{myId}: the client address {self.ClientAddress ?? "0.0.0.0"}:{linePort} differs from "
                    + $"clientPortAddress/clientPort {clientAddress ?? "0.0.0.0"}:{config.ClientPort}; give one or make them agree");
            }

            clientPort = linePort;
            clientAddress = self.ClientAddress ?? clientAddress;
        }

        foreach (var peer in config.Peers.Where(p => string.Equals(p.Host, self.Host, StringComparison.OrdinalIgnoreCase)))
        {
            if (clientPort == peer.QuorumPort || clientPort == peer.ElectionPort)
            {
                throw new ConfigException(
                    $"{source}: clientPort {clientPort} of server.{myId} is also a quorum or election port of server.{peer.Id} ({peer.Host}:{peer.QuorumPort}:{peer.ElectionPort})");
            }
        }

        if (config.IsObserverPeerType != self.IsObserver)
        {
            warnings.Add(
                $"{source}: peerType={(config.IsObserverPeerType ? "observer" : "participant")} does not match server.{myId}, "
                + $"which is {(self.IsObserver ? "an observer" : "a participant")}; using the server list's role, as ZooKeeper does");
        }

        return config with
        {
            MyId = myId,
            ClientPort = clientPort,
            ClientPortAddress = clientAddress,
            IsObserverPeerType = self.IsObserver,
        };
    }

    /// <summary>Parses zoo.cfg text; <paramref name="sourceName"/> is used in messages.</summary>
    public static (ServerConfig Config, IReadOnlyList<string> Warnings) Parse(string text, string sourceName)
    {
        var entries = new List<(int Line, string Key, string Value)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            // A trailing backslash continues the logical line, as in java.util.Properties.
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i].TrimStart();
            }

            var (key, value) = SplitKeyValue(line);
            entries.Add((lineNumber, key, value.Trim()));
        }

        var warnings = new List<string>();
        var config = new ServerConfig { SourcePath = sourceName };
        var peers = new List<PeerSpec>();
        var raw = new List<KeyValuePair<string, string>>();
        HashSet<string>? words = null;
        var forceHttps = false;

        foreach (var (line, key, value) in entries)
        {
            raw.Add(new(key, value));
            string Where() => $"{sourceName}:{line}: {key}";
            switch (key)
            {
                case "tickTime":
                    config = config with { TickTime = PositiveInt(value, Where) };
                    break;
                case "dataDir":
                    config = config with { DataDir = NonEmpty(value, Where) };
                    break;
                case "dataLogDir":
                    config = config with { DataLogDir = NonEmpty(value, Where) };
                    break;
                case "clientPort":
                    config = config with { ClientPort = Port(value, Where), ClientPortConfigured = true };
                    break;
                case "clientPortAddress":
                    config = config with { ClientPortAddress = NonEmpty(value, Where) };
                    break;
                case "maxClientCnxns":
                    config = config with { MaxClientCnxns = NonNegativeInt(value, Where) };
                    break;
                case "minSessionTimeout":
                    config = config with { MinSessionTimeoutSetting = Int(value, Where) };
                    break;
                case "maxSessionTimeout":
                    config = config with { MaxSessionTimeoutSetting = Int(value, Where) };
                    break;
                case "jute.maxbuffer":
                    config = config with { JuteMaxBuffer = PositiveInt(value, Where) };
                    break;
                case "4lw.commands.whitelist":
                    words = ParseWhitelist(value);
                    break;
                case "extendedTypesEnabled":
                case "zookeeper.extendedTypesEnabled":
                    config = config with { ExtendedTypesEnabled = Bool(value, Where) };
                    break;
                case "znode.container.checkIntervalMs":
                    config = config with { ContainerCheckIntervalMs = PositiveInt(value, Where) };
                    break;
                case "znode.container.maxPerMinute":
                    config = config with { ContainerMaxPerMinute = PositiveInt(value, Where) };
                    break;
                case "initLimit":
                    config = config with { InitLimit = PositiveInt(value, Where) };
                    break;
                case "syncLimit":
                    config = config with { SyncLimit = PositiveInt(value, Where) };
                    break;
                case "snapCount":
                    config = config with { SnapCount = PositiveInt(value, Where) };
                    break;
                case "commitLogCount":
                case "zookeeper.commitLogCount":
                    // ZooKeeper raises values below its default of 500 to 500.
                    config = config with { CommitLogCount = Math.Max(500, PositiveInt(value, Where)) };
                    break;
                case "autopurge.snapRetainCount":
                    config = config with { AutopurgeSnapRetainCount = Math.Max(3, PositiveInt(value, Where)) };
                    break;
                case "autopurge.purgeInterval":
                    config = config with { AutopurgePurgeInterval = NonNegativeInt(value, Where) };
                    break;
                case "quorumListenOnAllIPs":
                    config = config with { QuorumListenOnAllIPs = Bool(value, Where) };
                    break;
                case "readonlymode.enabled":
                    config = config with { ReadOnlyModeEnabled = Bool(value, Where) };
                    break;
                case "standaloneEnabled":
                    config = config with { StandaloneEnabled = Bool(value, Where) };
                    break;
                case "storage.provider":
                    config = config with { StorageProvider = StorageProvider(value, Where) };
                    break;
                case "storage.connectionString":
                    config = config with { StorageConnectionString = NonEmpty(value, Where) };
                    break;
                case "peerType":
                    config = config with { IsObserverPeerType = PeerType(value, Where) };
                    break;
                case "admin.enableServer":
                    config = config with { AdminEnableServer = Bool(value, Where) };
                    break;
                case "admin.serverAddress":
                    config = config with { AdminServerAddress = NonEmpty(value, Where) };
                    break;
                case "admin.serverPort":
                    config = config with { AdminServerPort = PortOrZero(value, Where) };
                    break;
                case "admin.commandURL":
                    config = config with { AdminCommandUrl = CommandUrl(value, Where) };
                    break;
                case "admin.idleTimeout":
                    config = config with { AdminIdleTimeoutMs = PositiveInt(value, Where) };
                    break;
                case "admin.forceHttps":
                    // ActorZk's AdminServer speaks plain HTTP only: rather than serve without the TLS asked for, it stays off.
                    if (Bool(value, Where))
                    {
                        warnings.Add($"{Where()}: the AdminServer has no TLS in ActorZk; it is not started");
                        forceHttps = true;
                    }

                    break;
                default:
                    if (key.StartsWith("server.", StringComparison.Ordinal))
                    {
                        peers.Add(ParsePeer(key, value, Where) with { Line = line });
                    }
                    else if (!AcceptedKeys.Contains(key) && !key.StartsWith("group.", StringComparison.Ordinal)
                             && !key.StartsWith("weight.", StringComparison.Ordinal))
                    {
                        warnings.Add($"{sourceName}:{line}: unknown key '{key}' ignored");
                    }

                    break;
            }
        }

        words ??= new HashSet<string>(StringComparer.Ordinal);
        words.Add("srvr");
        if (config.ReadOnlyModeEnabled)
        {
            words.Add("isro");
        }

        config = config with
        {
            FourLetterWords = words,
            Peers = peers,
            RawEntries = raw,
            AdminEnableServer = config.AdminEnableServer && !forceHttps,
        };
        Validate(config, sourceName);
        return (config, warnings);
    }

    private static void Validate(ServerConfig config, string sourceName)
    {
        if (config.StorageProvider == "postgresql" && config.StorageConnectionString is null)
        {
            throw new ConfigException($"{sourceName}: storage.provider=postgresql needs storage.connectionString");
        }

        if (config.MinSessionTimeout > config.MaxSessionTimeout)
        {
            throw new ConfigException(
                $"{sourceName}: minSessionTimeout ({config.MinSessionTimeout}) must not be larger than maxSessionTimeout ({config.MaxSessionTimeout})");
        }

        var seenIds = new HashSet<int>();
        var seenEndpoints = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var peer in config.Peers)
        {
            string Where() => $"{sourceName}:{peer.Line}: server.{peer.Id}";
            if (!seenIds.Add(peer.Id))
            {
                throw new ConfigException($"{sourceName}: server.{peer.Id} is listed more than once");
            }

            // ZooKeeper's QuorumServer refuses one port for both; the two listeners could not both bind.
            if (peer.QuorumPort == peer.ElectionPort)
            {
                throw new ConfigException($"{Where()}: the quorum port and the election port must differ, both are {peer.QuorumPort}");
            }

            foreach (var port in new[] { peer.QuorumPort, peer.ElectionPort })
            {
                if (!seenEndpoints.TryAdd($"{peer.Host}:{port}", peer.Id))
                {
                    throw new ConfigException($"{sourceName}: server.{peer.Id} reuses the address {peer.Host}:{port}");
                }
            }
        }

        // A client port that is also a quorum or election port of a member on the same host could never bind.
        foreach (var peer in config.Peers)
        {
            var clientHost = peer.ClientAddress is { } address && !IsWildcard(address) ? address : peer.Host;
            if (peer.ClientPort is { } clientPort && seenEndpoints.TryGetValue($"{clientHost}:{clientPort}", out var owner))
            {
                throw new ConfigException(
                    $"{sourceName}:{peer.Line}: server.{peer.Id}: client port {clientPort} is also a quorum or election port of server.{owner}");
            }
        }

        var voters = config.Peers.Count(p => !p.IsObserver);
        var observers = config.Peers.Count - voters;
        if (observers > 0 && voters == 0)
        {
            throw new ConfigException($"{sourceName}: observers without participants: at least one server.N line must be a participant");
        }

        if (observers > 0 && voters == 1 && config.StandaloneEnabled)
        {
            // ZooKeeper: "Observers w/o quorum is an invalid configuration".
            throw new ConfigException(
                $"{sourceName}: observers need a quorum, but there is one participant and standaloneEnabled is true; add participants or set standaloneEnabled=false");
        }
    }

    private static bool IsWildcard(string address) => address is "0.0.0.0" or "::" or "[::]";

    private static (string Key, string Value) SplitKeyValue(string line)
    {
        // The key ends at the first unescaped '=', ':' or whitespace; one separator and the blanks around it are skipped.
        var end = 0;
        while (end < line.Length && line[end] is not ('=' or ':' or ' ' or '\t' or '\f'))
        {
            end++;
        }

        var key = line[..end];
        var rest = line[end..].TrimStart(' ', '\t', '\f');
        if (rest.Length > 0 && rest[0] is '=' or ':')
        {
            rest = rest[1..];
        }

        return (key, rest.TrimStart(' ', '\t', '\f'));
    }

    private static HashSet<string> ParseWhitelist(string value)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in value.Split(','))
        {
            var word = part.Trim();
            if (word == "*")
            {
                words.UnionWith(FourLetterWords.All);
                break;
            }

            if (word.Length > 0)
            {
                words.Add(word);
            }
        }

        return words;
    }

    private static PeerSpec ParsePeer(string key, string value, Func<string> where)
    {
        if (!int.TryParse(key.AsSpan("server.".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id is < 1 or > 255)
        {
            throw new ConfigException($"{where()}: the server id must be a number from 1 to 255");
        }

        string? clientAddress = null;
        int? clientPort = null;
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var serverPart = semicolon < 0 ? value : value[..semicolon];
        if (semicolon >= 0)
        {
            var clientPart = value[(semicolon + 1)..].Trim();
            var colon = clientPart.LastIndexOf(':');
            if (colon >= 0)
            {
                clientAddress = clientPart[..colon];
                clientPort = Port(clientPart[(colon + 1)..], where);
            }
            else
            {
                clientPort = Port(clientPart, where);
            }
        }

        var parts = serverPart.Split(':');
        if (parts.Length is < 3 or > 4)
        {
            throw new ConfigException($"{where()}: expected host:quorumPort:electionPort[:participant|:observer], got '{value}'");
        }

        var isObserver = false;
        if (parts.Length == 4)
        {
            isObserver = parts[3] switch
            {
                "observer" => true,
                "participant" => false,
                _ => throw new ConfigException($"{where()}: unknown peer type '{parts[3]}' (expected participant or observer)"),
            };
        }

        if (parts[0].Length == 0)
        {
            throw new ConfigException($"{where()}: the host is empty");
        }

        return new PeerSpec(id, parts[0], Port(parts[1], where), Port(parts[2], where), isObserver, clientAddress, clientPort);
    }

    private static string StorageProvider(string value, Func<string> where) => value.ToLowerInvariant() switch
    {
        "sqlite" => "sqlite",
        "postgresql" or "postgres" => "postgresql",
        _ => throw new ConfigException($"{where()}: expected sqlite or postgresql, got '{value}'"),
    };

    private static bool PeerType(string value, Func<string> where) => value switch
    {
        "observer" => true,
        "participant" => false,
        _ => throw new ConfigException($"{where()}: expected participant or observer, got '{value}'"),
    };

    private static int Int(string value, Func<string> where)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            throw new ConfigException($"{where()}: '{value}' is not a whole number");
        }

        return result;
    }

    private static int PositiveInt(string value, Func<string> where)
    {
        var result = Int(value, where);
        return result > 0 ? result : throw new ConfigException($"{where()}: must be greater than 0, got {result}");
    }

    private static int NonNegativeInt(string value, Func<string> where)
    {
        var result = Int(value, where);
        return result >= 0 ? result : throw new ConfigException($"{where()}: must not be negative, got {result}");
    }

    private static int Port(string value, Func<string> where)
    {
        var result = Int(value.Trim(), where);
        return result is > 0 and <= 65535 ? result : throw new ConfigException($"{where()}: {result} is not a port (1-65535)");
    }

    private static int PortOrZero(string value, Func<string> where)
    {
        var result = Int(value.Trim(), where);
        return result is >= 0 and <= 65535 ? result : throw new ConfigException($"{where()}: {result} is not a port (0-65535)");
    }

    // The servlet is mapped at "<commandURL>/*": a leading slash is needed, a trailing one would double up.
    private static string CommandUrl(string value, Func<string> where)
    {
        var url = NonEmpty(value.Trim(), where);
        if (url[0] != '/')
        {
            throw new ConfigException($"{where()}: '{url}' must start with '/'");
        }

        return url.Length > 1 ? url.TrimEnd('/') : url;
    }

    private static string NonEmpty(string value, Func<string> where)
        => value.Length > 0 ? value : throw new ConfigException($"{where()}: the value is empty");

    private static bool Bool(string value, Func<string> where) => value.ToLowerInvariant() switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => throw new ConfigException($"{where()}: expected true or false, got '{value}'"),
    };
}
