using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.TestSupport;

/// <summary>Ports and four-letter words on 127.0.0.1.</summary>
public static class Loopback
{
    /// <summary>How long a four-letter word may take, connect to end of reply.</summary>
    public static readonly TimeSpan FourLetterWordTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Random picks tried before <see cref="FreePorts"/> gives up.</summary>
    private const int MaxPortAttempts = 1000;

    /// <summary>
    /// Where ports are picked: below the kernel's ephemeral range. bind(0) and every outgoing connection take their
    /// ports from that range, so a port found free there can be taken by another socket (another test's client,
    /// another test project's bind(0)) between the pick and the server's bind. Below it, only a test that picks the
    /// same random port can collide.
    /// </summary>
    private static readonly (int Low, int High) PickRange = ReadPickRange();

    /// <summary>A free loopback port (see <see cref="FreePorts"/>).</summary>
    /// <returns>The port.</returns>
    public static int FreePort() => FreePorts(1)[0];

    /// <summary>
    /// <paramref name="count"/> different free loopback ports, picked at random below the kernel's ephemeral range.
    /// Every pick stays bound until all are picked, so the ports are distinct and each was free.
    /// </summary>
    /// <param name="count">How many ports.</param>
    /// <returns>The ports.</returns>
    public static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var attempt = 0; listeners.Count < count; attempt++)
            {
                if (attempt == MaxPortAttempts)
                {
                    throw new InvalidOperationException($"No {count} free loopback ports in {PickRange.Low}-{PickRange.High} after {MaxPortAttempts} picks");
                }

                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(PickRange.Low, PickRange.High + 1));
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose();
                }
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>Sends a four-letter word to 127.0.0.1 and returns the answer, or null when none came within 5 s.</summary>
    /// <param name="port">The client port.</param>
    /// <param name="word">The command, e.g. <c>ruok</c>.</param>
    /// <returns>The answer, or null.</returns>
    public static async Task<string?> FourLetterWordAsync(int port, string word)
    {
        using var timeout = new CancellationTokenSource(FourLetterWordTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(word), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The value of a <c>mntr</c> key, e.g. <c>zk_znode_count</c>.</summary>
    /// <param name="port">The client port.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public static async Task<long> MonitorValueAsync(int port, string key)
        => (await MonitorValuesAsync(port)).TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"mntr has no {key}");

    /// <summary>Every numeric <c>mntr</c> value of one answer, by key (non-numeric ones such as zk_version are left out).</summary>
    /// <param name="port">The client port.</param>
    /// <returns>The values.</returns>
    public static async Task<IReadOnlyDictionary<string, long>> MonitorValuesAsync(int port)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in ((await FourLetterWordAsync(port, "mntr")) ?? string.Empty).Split('\n'))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = value;
            }
        }

        return values;
    }

    private static (int Low, int High) ReadPickRange()
    {
        const int low = 10000;
        var ephemeralLow = 32768;
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            ephemeralLow = int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or no /proc: keep Linux's default range.
        }

        return (low, Math.Max(low + 1000, ephemeralLow - 1));
    }
}
