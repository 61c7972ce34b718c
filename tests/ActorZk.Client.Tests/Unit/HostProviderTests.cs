using System.Net;
using ActorZk.Client.Engine;

namespace ActorZk.Client.Tests.Unit;

public sealed class HostProviderTests
{
    private static readonly DnsEndPoint[] Three = [new("a", 1), new("b", 2), new("c", 3)];

    [Fact]
    public void Cycles_through_the_hosts_in_order_and_reports_completed_rounds()
    {
        var provider = new HostProvider(Three, shuffle: false);
        var seen = new List<(string, bool)>();
        for (var i = 0; i < 7; i++)
        {
            var host = provider.Next(out var round);
            seen.Add((host.Host, round));
        }

        Assert.Equal(
            [("a", false), ("b", false), ("c", false), ("a", true), ("b", false), ("c", false), ("a", true)],
            seen);
    }

    [Fact]
    public void A_round_restarts_from_the_last_server_connected_to()
    {
        var provider = new HostProvider(Three, shuffle: false);
        provider.Next(out _);
        provider.Next(out _);
        provider.OnConnected();

        Assert.Equal(("c", false), Take(provider));
        Assert.Equal(("a", false), Take(provider));
        Assert.Equal(("b", true), Take(provider));
    }

    [Fact]
    public void A_single_host_completes_a_round_on_every_retry()
    {
        var provider = new HostProvider([new DnsEndPoint("only", 1)], shuffle: true);
        Assert.Equal(("only", false), Take(provider));
        Assert.Equal(("only", true), Take(provider));
        Assert.Equal(("only", true), Take(provider));
    }

    [Fact]
    public void Shuffling_keeps_every_host()
    {
        var provider = new HostProvider(Three, shuffle: true);
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, 3).Select(_ => provider.Next(out bool _).Host).Order());
    }

    private static (string, bool) Take(HostProvider provider)
    {
        var host = provider.Next(out var round);
        return (host.Host, round);
    }
}
