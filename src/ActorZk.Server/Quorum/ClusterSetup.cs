using System.Globalization;
using System.Text;
using ActorZk.Core.Quorum;
using ActorZk.Server.Configuration;
using ActorZk.Server.Storage;
using Akka.Actor;
using Akka.Configuration;

namespace ActorZk.Server.Quorum;

/// <summary>
/// Turns a quorum-mode zoo.cfg plus myid into what the actor system needs, so that nobody writes HOCON by hand to
/// run an ensemble: remoting on the member's quorum port, the voters as seed nodes, a frame size for jute payloads,
/// a failure detector scaled from tickTime and syncLimit, ZabSerializer for quorum messages (hocon/cluster.conf).
/// </summary>
public static class ClusterSetup
{
    /// <summary>The actor system's name on every member; part of every member's address.</summary>
    public const string SystemName = "actorzk";

    /// <summary>Snapshots travel in chunks of this size, so a frame never has to hold a whole snapshot.</summary>
    public const int SnapshotChunkBytes = 1024 * 1024;

    /// <summary>The smallest remoting frame: a chunk or a jute.maxbuffer payload, with room for the envelope.</summary>
    public const int MinimumFrameBytes = 4 * 1024 * 1024;

    /// <summary>The largest remoting frame for <paramref name="config"/>: 4 MB, or two jute.maxbuffer payloads plus 64 KB when that is more.</summary>
    public static int FrameSize(ServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // A proposal carries one payload; a SNAP chunk or a DIFF batch may carry more: twice the limit leaves room.
        var needed = (long)config.JuteMaxBuffer * 2 + 64 * 1024;
        return (int)Math.Min(int.MaxValue / 2, Math.Max(MinimumFrameBytes, needed));
    }

    /// <summary>Cluster heartbeats: half a tick, at least 100 ms, at most 1 s (a member's tick can be long).</summary>
    public static TimeSpan HeartbeatInterval(ServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return TimeSpan.FromMilliseconds(Math.Clamp(config.TickTime / 2, 100, 1000));
    }

    /// <summary>
    /// How long heartbeats may pause before a member counts as unreachable: syncLimit ticks, the time Zab gives a
    /// follower before the leader drops it, and never less than three heartbeats.
    /// </summary>
    public static TimeSpan AcceptableHeartbeatPause(ServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var pause = (long)config.SyncLimit * config.TickTime;
        return TimeSpan.FromMilliseconds(Math.Max(pause, 3 * HeartbeatInterval(config).TotalMilliseconds));
    }

    /// <summary>The Akka address of every member, by server id: remoting listens on the server line's quorum port.</summary>
    public static IReadOnlyDictionary<long, Address> Addresses(ServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Peers.ToDictionary(p => (long)p.Id, p => new Address("akka.tcp", SystemName, p.Host, p.QuorumPort));
    }

    /// <summary>The member-specific HOCON for member <see cref="ServerConfig.MyId"/> (without the cluster.conf defaults).</summary>
    /// <exception cref="ConfigException">The configuration is standalone or its myid is not among the server lines.</exception>
    public static Config Generate(ServerConfig config)
    {
        var self = Self(config);
        var frame = FrameSize(config).ToString(CultureInfo.InvariantCulture);
        var seeds = string.Join(", ", config.Peers
            .Where(p => !p.IsObserver)
            .OrderBy(p => p.Id)
            .Select(p => Quote(new Address("akka.tcp", SystemName, p.Host, p.QuorumPort).ToString())));
        // Other members dial the server line's host; quorumListenOnAllIPs only widens what the listener binds.
        var bindHost = Quote(config.QuorumListenOnAllIPs ? "0.0.0.0" : self.Host);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.hostname = {bindHost}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.public-hostname = {Quote(self.Host)}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.port = {self.QuorumPort}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.maximum-frame-size = {frame}b")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.send-buffer-size = {frame}b")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.receive-buffer-size = {frame}b")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.actorzk-tcp.hostname = {Quote(self.Host)}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.actorzk-tcp.bind-hostname = {bindHost}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.actorzk-tcp.port = {self.QuorumPort}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.actorzk-tcp.maximum-frame-size = {frame}b")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.actorzk-tcp.socket-buffer-size = {frame}b")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.cluster.seed-nodes = [{seeds}]")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.cluster.roles = [{(self.IsObserver ? "observer" : "voter")}]")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.cluster.failure-detector.heartbeat-interval = {Millis(HeartbeatInterval(config))}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.cluster.failure-detector.acceptable-heartbeat-pause = {Millis(AcceptableHeartbeatPause(config))}")
            .ToString();
        return ConfigurationFactory.ParseString(text);
    }

    /// <summary>
    /// The whole HOCON of a quorum-mode member, in precedence order: <paramref name="userOverride"/> (ACTORZK_HOCON)
    /// &gt; the generated part &gt; hocon/cluster.conf &gt; hocon/actorzk.conf &gt; <paramref name="storage"/>.
    /// </summary>
    public static Config Build(ServerConfig config, string? userOverride, Config? storage = null)
    {
        var hocon = Generate(config)
            .WithFallback(StorageSetup.LoadHocon("cluster.conf"))
            .WithFallback(StorageSetup.LoadHocon("actorzk.conf"));
        if (userOverride is not null)
        {
            hocon = ConfigurationFactory.ParseString(userOverride).WithFallback(hocon);
        }

        return storage is null ? hocon : hocon.WithFallback(storage);
    }

    /// <summary>The ensemble of a quorum-mode member: voters and observers of zoo.cfg, addresses, its epochs.</summary>
    /// <exception cref="ConfigException">The configuration is standalone or its myid is not among the server lines.</exception>
    public static EnsembleContext Ensemble(ServerConfig config, EpochStore epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        Self(config);
        var quorum = QuorumConfig.Create(
            config.Peers.Where(p => !p.IsObserver).Select(p => (long)p.Id),
            config.Peers.Where(p => p.IsObserver).Select(p => (long)p.Id));
        return new EnsembleContext(quorum, config.MyId, Addresses(config), epochs);
    }

    private static PeerSpec Self(ServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.IsStandalone)
        {
            throw new ConfigException("A standalone configuration has no ensemble to join");
        }

        return config.Peers.FirstOrDefault(p => p.Id == config.MyId)
               ?? throw new ConfigException($"Server id {config.MyId} (myid) is not in the server.N list");
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Millis(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
