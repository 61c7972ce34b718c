using System.Globalization;

namespace ActorZk.Ensemble.Tests.Infrastructure;

/// <summary>
/// A private network for partition tests: one network namespace per member, each with a veth pair whose other end
/// is a port of a bridge in the root namespace. The bridge has 10.251.X.1/24 (so the test process, in the root
/// namespace, reaches every member), member i has 10.251.X.(i+1). Partition(i) takes the bridge end of member i's
/// link down: its packets are dropped silently, as in a real partition. Disposing deletes the namespaces (and with
/// them the veth pairs) and the bridge.
/// </summary>
public sealed class NetnsNetwork : IAsyncDisposable
{
    private static readonly TimeSpan IpTimeout = TimeSpan.FromSeconds(20);
    private readonly int octet;
    private readonly List<string> namespaces = [];
    private bool bridgeCreated;

    private NetnsNetwork(int octet, int members)
    {
        this.octet = octet;
        Members = members;
    }

    /// <summary>The number of members.</summary>
    public int Members { get; }

    /// <summary>The prefix of the namespaces' names: member i runs in NamespacePrefix + i.</summary>
    public string NamespacePrefix => $"azkn{octet}m";

    private string Bridge => $"azkb{octet}";

    /// <summary>Checks that namespaces, veth pairs and bridges can be created; returns why not, or null.</summary>
    /// <returns>The reason, or null.</returns>
    public static async Task<string?> ProbeAsync()
    {
        if (!Shell.Exists("ip"))
        {
            return "iproute2 ('ip') is not installed";
        }

        var name = $"azkprobe{Environment.ProcessId}";
        try
        {
            var add = await Shell.RunAsync("ip", ["netns", "add", name], IpTimeout);
            if (add.ExitCode != 0)
            {
                return $"cannot create a network namespace (root needed): {add.Error.Trim()}";
            }

            var veth = await Shell.RunAsync("ip", ["link", "add", $"azkp{Environment.ProcessId % 100000}", "type", "veth", "peer", "name", "eth0", "netns", name], IpTimeout);
            if (veth.ExitCode != 0)
            {
                return $"cannot create a veth pair: {veth.Error.Trim()}";
            }

            var bridge = await Shell.RunAsync("ip", ["link", "add", $"azkq{Environment.ProcessId % 100000}", "type", "bridge"], IpTimeout);
            if (bridge.ExitCode != 0)
            {
                return $"cannot create a bridge: {bridge.Error.Trim()}";
            }

            return null;
        }
        finally
        {
            await Shell.RunAsync("ip", ["link", "del", $"azkq{Environment.ProcessId % 100000}"], IpTimeout);
            await Shell.RunAsync("ip", ["netns", "del", name], IpTimeout);
        }
    }

    /// <summary>Creates the bridge and one namespace per member.</summary>
    /// <param name="members">The number of members.</param>
    /// <returns>The network.</returns>
    public static async Task<NetnsNetwork> CreateAsync(int members)
    {
        var used = await Shell.RunCheckedAsync("ip", ["-o", "addr"], IpTimeout) + await Shell.RunCheckedAsync("ip", ["route"], IpTimeout)
                   + await Shell.RunCheckedAsync("ip", ["-o", "link"], IpTimeout) + await Shell.RunCheckedAsync("ip", ["netns", "list"], IpTimeout);
        var start = Random.Shared.Next(1, 250);
        var octet = Enumerable.Range(0, 250).Select(k => ((start + k) % 250) + 1)
            .First(x => !used.Contains($"10.251.{x}.", StringComparison.Ordinal) && !used.Contains($"azkb{x}", StringComparison.Ordinal)
                        && !used.Contains($"azkn{x}m", StringComparison.Ordinal));
        var network = new NetnsNetwork(octet, members);
        try
        {
            await network.SetUpAsync();
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address of member i (1-based).</summary>
    /// <param name="member">The member.</param>
    /// <returns>10.251.X.(i+1).</returns>
    public string Address(int member) => $"10.251.{octet}.{member + 1}";

    /// <summary>The bridge end of member i's link.</summary>
    /// <param name="member">The member.</param>
    /// <returns>The interface name.</returns>
    public string HostLink(int member) => $"azkv{octet}m{member}";

    /// <summary>Cuts member i off: the bridge end of its link goes down.</summary>
    /// <param name="member">The member.</param>
    /// <returns>A task completing once the link is down.</returns>
    public Task PartitionAsync(int member) => Ip("link", "set", HostLink(member), "down");

    /// <summary>Connects member i again.</summary>
    /// <param name="member">The member.</param>
    /// <returns>A task completing once the link is up.</returns>
    public Task HealAsync(int member) => Ip("link", "set", HostLink(member), "up");

    /// <summary>Runs a command inside member i's namespace.</summary>
    /// <param name="member">The member.</param>
    /// <param name="command">The command and its arguments.</param>
    /// <param name="timeout">Its time bound.</param>
    /// <param name="stdin">Its input.</param>
    /// <returns>Its result.</returns>
    public Task<CommandResult> ExecAsync(int member, IEnumerable<string> command, TimeSpan timeout, string? stdin = null) =>
        Shell.RunAsync("ip", new[] { "netns", "exec", NamespacePrefix + member.ToString(CultureInfo.InvariantCulture) }.Concat(command), timeout, stdin);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = 1; i <= namespaces.Count; i++)
        {
            // Deleting one end deletes the pair. Deleting the namespace alone would too, but only once the kernel
            // tears the namespace down, which can lag well behind its last process.
            await Shell.RunAsync("ip", ["link", "del", HostLink(i)], IpTimeout);
        }

        foreach (var ns in namespaces)
        {
            await Shell.RunAsync("ip", ["netns", "del", ns], IpTimeout);
        }

        if (bridgeCreated)
        {
            await Shell.RunAsync("ip", ["link", "del", Bridge], IpTimeout);
        }
    }

    private async Task SetUpAsync()
    {
        await Ip("link", "add", Bridge, "type", "bridge");
        bridgeCreated = true;
        await Ip("addr", "add", $"10.251.{octet}.1/24", "dev", Bridge);
        await Ip("link", "set", Bridge, "up");
        for (var i = 1; i <= Members; i++)
        {
            var ns = NamespacePrefix + i.ToString(CultureInfo.InvariantCulture);
            await Ip("netns", "add", ns);
            namespaces.Add(ns);
            await Ip("link", "add", HostLink(i), "type", "veth", "peer", "name", "eth0", "netns", ns);
            await Ip("link", "set", HostLink(i), "master", Bridge);
            await Ip("link", "set", HostLink(i), "up");
            await Ip("netns", "exec", ns, "ip", "addr", "add", $"{Address(i)}/24", "dev", "eth0");
            await Ip("netns", "exec", ns, "ip", "link", "set", "eth0", "up");
            await Ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    private static Task Ip(params string[] arguments) => Shell.RunCheckedAsync("ip", arguments, IpTimeout);
}
