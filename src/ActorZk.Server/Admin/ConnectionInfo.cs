namespace ActorZk.Server.Admin;

/// <summary>One client connection as cons, stat and dump show it.</summary>
/// <param name="RemoteAddress">The peer's IP address as text (an IPv4-mapped IPv6 address prints as IPv4, as in Java).</param>
/// <param name="RemotePort">The peer's port.</param>
/// <param name="PacketsReceived">Requests read from this connection (a four-letter word counts as one).</param>
/// <param name="PacketsSent">Replies and events written to this connection.</param>
/// <param name="Queued">Requests read but not yet answered.</param>
/// <param name="SessionId">0 before the handshake (then cons prints only the brief part).</param>
/// <param name="SessionTimeout">Negotiated timeout in ms.</param>
/// <param name="LastZxid">zxid of the last reply; -1 after crst (printed as 0xffffffffffffffff, as ZooKeeper does).</param>
/// <param name="EstablishedUtc">When the socket was accepted.</param>
/// <param name="LastOperation">ZooKeeper's short name of the last operation (see <see cref="LastOperationNames"/>), "NA" if none.</param>
/// <param name="LastCxid">Last client xid; negative means none, and cons then omits lcxid.</param>
/// <param name="MinLatencyMs">Smallest request latency; 0 when none.</param>
/// <param name="AvgLatencyMs">Average request latency; ZooKeeper keeps it as a whole number of ms, so cons truncates it.</param>
/// <param name="MaxLatencyMs">Largest request latency.</param>
public sealed record ConnectionInfo(
    string RemoteAddress,
    int RemotePort,
    long PacketsReceived,
    long PacketsSent,
    int Queued,
    long SessionId,
    int SessionTimeout,
    long LastZxid,
    DateTime EstablishedUtc,
    string LastOperation,
    long LastCxid,
    long MinLatencyMs,
    double AvgLatencyMs,
    long MaxLatencyMs)
{
    /// <summary>
    /// The selector interest set ZooKeeper prints in brackets: 1 (read) for a normal connection, 0 for the
    /// connection that sent the four-letter word (ZooKeeper stops reading it), 5 while a write is pending.
    /// </summary>
    public int InterestOps { get; init; } = 1;

    /// <summary>Monotonic clock in ms (<see cref="Environment.TickCount64"/>) at the last reply, 0 if none; ZooKeeper prints its own monotonic clock here.</summary>
    public long LastResponseTime { get; init; }

    /// <summary>Latency of the last request in ms.</summary>
    public long LastLatencyMs { get; init; }

    /// <summary>
    /// When this connection will be closed for inactivity, for dump's "Connections" section (ZooKeeper's NIO
    /// connection expiry queue). Null leaves the connection out of that section.
    /// </summary>
    public DateTime? ExpiresAtUtc { get; init; }
}
