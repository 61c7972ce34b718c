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

    /// <summary>A free loopback port (bind to 0, read, release).</summary>
    /// <returns>The port.</returns>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// <paramref name="count"/> different free loopback ports: every listener stays bound until all are picked, so
    /// the OS cannot hand the same port out twice (separate <see cref="FreePort"/> calls can).
    /// </summary>
    /// <param name="count">How many ports.</param>
    /// <returns>The ports.</returns>
    public static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
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
}
