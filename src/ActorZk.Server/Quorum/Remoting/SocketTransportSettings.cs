using Akka.Configuration;

namespace ActorZk.Server.Quorum.Remoting;

/// <summary>The settings of <see cref="SocketTransport"/>, read from its HOCON section (hocon/cluster.conf).</summary>
/// <param name="Hostname">The host this member is known by (its server line's host): the address others dial.</param>
/// <param name="BindHostname">The address the listener binds: the hostname, or 0.0.0.0 (quorumListenOnAllIPs).</param>
/// <param name="Port">The quorum port; 0 picks a free one (tests).</param>
/// <param name="MaximumFrameSize">The largest Akka PDU accepted in either direction.</param>
/// <param name="SocketBufferSize">SO_SNDBUF and SO_RCVBUF of every connection.</param>
/// <param name="ConnectionTimeout">How long an outbound connect may take (a partitioned member never answers).</param>
/// <param name="MaximumPendingBytes">Bytes queued for a peer that is not reading before writes are refused.</param>
public sealed record SocketTransportSettings(
    string Hostname,
    string BindHostname,
    int Port,
    int MaximumFrameSize,
    int SocketBufferSize,
    TimeSpan ConnectionTimeout,
    int MaximumPendingBytes)
{
    /// <summary>Reads the settings from the transport's HOCON section.</summary>
    /// <exception cref="ConfigurationException">A required key is missing or out of range.</exception>
    public static SocketTransportSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var hostname = config.GetString("hostname", string.Empty);
        if (string.IsNullOrWhiteSpace(hostname))
        {
            throw new ConfigurationException("The ActorZk remoting transport needs a hostname");
        }

        var frame = ReadSize(config, "maximum-frame-size", 4 * 1024 * 1024);
        var bind = config.GetString("bind-hostname", string.Empty);
        return new SocketTransportSettings(
            hostname,
            string.IsNullOrWhiteSpace(bind) ? hostname : bind,
            config.GetInt("port", 0),
            frame,
            ReadSize(config, "socket-buffer-size", frame),
            config.GetTimeSpan("connection-timeout", TimeSpan.FromSeconds(5)),
            ReadSize(config, "maximum-pending-bytes", frame * 2));
    }

    private static int ReadSize(Config config, string key, int fallback)
    {
        var value = config.GetByteSize(key) ?? fallback;
        if (value is <= 0 or > int.MaxValue / 2)
        {
            throw new ConfigurationException($"{key} = {value} is out of range (1 byte to 1 GB)");
        }

        return (int)value;
    }
}
