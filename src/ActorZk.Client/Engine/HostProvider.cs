using System.Net;

namespace ActorZk.Client.Engine;

/// <summary>
/// Cycles through the servers of the connect string (ZooKeeper's <c>StaticHostProvider</c>): optionally shuffled
/// once, and reporting when a full round since the last successful connection has been tried, so the caller can
/// back off instead of spinning.
/// </summary>
internal sealed class HostProvider
{
    private readonly DnsEndPoint[] hosts;
    private int current = -1;
    private int lastConnected = -1;

    /// <summary>Creates the provider.</summary>
    /// <param name="hosts">The servers.</param>
    /// <param name="shuffle">Whether to randomize their order.</param>
    public HostProvider(IReadOnlyList<DnsEndPoint> hosts, bool shuffle)
    {
        this.hosts = [.. hosts];
        if (shuffle)
        {
            Random.Shared.Shuffle(this.hosts);
        }
    }

    /// <summary>The number of servers.</summary>
    public int Count => hosts.Length;

    /// <summary>The next server to try.</summary>
    /// <param name="roundCompleted">True when every server has been tried since the last successful connection.</param>
    /// <returns>The server.</returns>
    public DnsEndPoint Next(out bool roundCompleted)
    {
        current = (current + 1) % hosts.Length;
        roundCompleted = current == lastConnected;
        if (lastConnected < 0)
        {
            // The first server tried counts as the start of the first round.
            lastConnected = current;
        }

        return hosts[current];
    }

    /// <summary>Records that the last server returned by <see cref="Next"/> accepted the session.</summary>
    public void OnConnected() => lastConnected = current;
}
