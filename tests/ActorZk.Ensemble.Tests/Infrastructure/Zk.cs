using System.Diagnostics;
using System.Text;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Infrastructure;

/// <summary>Client helpers shared by the scenarios.</summary>
public static class Zk
{
    /// <summary>How long a client waits before reconnecting (the Java client waits up to 1 s).</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Connects a session through a connect string.</summary>
    /// <param name="hosts">host:port,...</param>
    /// <param name="sessionTimeout">The session timeout asked for (default 10 s).</param>
    /// <param name="shuffle">Whether to shuffle the hosts (false: try them in order).</param>
    /// <param name="requestTimeout">How long a request may wait for its reply (default 10 s).</param>
    /// <returns>The client.</returns>
    public static Task<ZooKeeperClient> ConnectAsync(string hosts, TimeSpan? sessionTimeout = null, bool shuffle = true, TimeSpan? requestTimeout = null) =>
        ZooKeeperClient.ConnectAsync(hosts, new ZooKeeperClientOptions
        {
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            ReconnectDelay = ReconnectDelay,
            ShuffleHosts = shuffle,
        });

    /// <summary>UTF-8 bytes.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>UTF-8 text.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Text(byte[]? data) => data is null ? string.Empty : Encoding.UTF8.GetString(data);

    /// <summary>Whether an exception means "the request may not have reached a quorum; try again".</summary>
    /// <param name="e">The exception.</param>
    /// <returns>True for connection loss, request timeout, session moved, operation timeout.</returns>
    public static bool IsTransient(Exception e) =>
        e is ConnectionLossException or RequestTimeoutException or SessionMovedException or OperationTimeoutException or TimeoutException;

    /// <summary>Runs an idempotent operation until it succeeds or the time is up, retrying transient failures.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <param name="timeout">The bound.</param>
    /// <returns>Its result.</returns>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> operation, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when (IsTransient(e) && watch.Elapsed < timeout)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Creates a persistent node if it is missing.</summary>
    /// <param name="client">The client.</param>
    /// <param name="path">The path.</param>
    /// <param name="data">Its data.</param>
    /// <returns>A task completing once it exists.</returns>
    public static async Task EnsureAsync(ZooKeeperClient client, string path, string data = "")
    {
        try
        {
            await client.CreateAsync(path, Bytes(data), Acl.OpenAclUnsafe);
        }
        catch (NodeExistsException)
        {
        }
    }

    /// <summary>Waits until a condition holds, polling every 100 ms.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">The bound.</param>
    /// <param name="what">What is awaited, for the message.</param>
    /// <returns>The time it took.</returns>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return watch.Elapsed;
                }
            }
            catch (Exception e) when (IsTransient(e) || e is KeeperException)
            {
                // Not yet.
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{what}: not within {timeout}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Reads a node through a client bound to one member only, after a sync (so the member has caught up with the
    /// leader's state as of the sync).
    /// </summary>
    /// <param name="ensemble">The ensemble.</param>
    /// <param name="member">The member.</param>
    /// <param name="read">What to read.</param>
    /// <typeparam name="T">The result.</typeparam>
    /// <returns>The result.</returns>
    public static async Task<T> OnMemberAsync<T>(Ensemble ensemble, int member, Func<ZooKeeperClient, Task<T>> read)
    {
        await using var client = await ConnectAsync(ensemble[member].Address);
        await RetryAsync(async () => { await client.SyncAsync("/"); return true; }, TimeSpan.FromSeconds(30));
        return await RetryAsync(() => read(client), TimeSpan.FromSeconds(30));
    }

    /// <summary>Records a client's connection-state changes with their times.</summary>
    public sealed class StateLog
    {
        private readonly List<(TimeSpan At, ConnectionState State)> changes = [];
        private readonly Stopwatch clock = Stopwatch.StartNew();

        /// <summary>Starts recording a client.</summary>
        /// <param name="client">The client.</param>
        public StateLog(ZooKeeperClient client)
        {
            client.StateChanged += (_, e) =>
            {
                lock (changes)
                {
                    changes.Add((clock.Elapsed, e.NewState));
                }
            };
        }

        /// <summary>The states seen so far.</summary>
        public IReadOnlyList<ConnectionState> States
        {
            get
            {
                lock (changes)
                {
                    return [.. changes.Select(c => c.State)];
                }
            }
        }

        /// <inheritdoc />
        public override string ToString()
        {
            lock (changes)
            {
                return string.Join(", ", changes.Select(c => $"{c.State}@{c.At.TotalMilliseconds:F0}ms"));
            }
        }
    }
}
