using System.Collections.Concurrent;
using System.Diagnostics;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Ensemble.Tests.Infrastructure;

/// <summary>
/// One client session writing in a closed loop: a sequential znode under /load (data names the writer and the
/// attempt), then a versioned set of /load/ver-W. Every acknowledged write is recorded with its time; ambiguous
/// failures (connection loss, timeouts) are counted and, for the versioned node, resolved by reading it back.
/// </summary>
public sealed class LoadWriter(int id, ZooKeeperClient client, Stopwatch clock)
{
    private const int MaxIterations = 200_000;
    private readonly ConcurrentQueue<TimeSpan> acks = new();
    private readonly List<(string Path, string Data)> created = [];

    /// <summary>The writer's number.</summary>
    public int Id => id;

    /// <summary>The versioned node.</summary>
    public string VersionPath => $"/load/ver-{id}";

    /// <summary>Sequential znodes acknowledged to this writer, with their data.</summary>
    public IReadOnlyList<(string Path, string Data)> Created => created;

    /// <summary>The last version of the versioned node acknowledged to this writer, and the data then set.</summary>
    public (int Version, string Data) LastSet { get; private set; } = (0, string.Empty);

    /// <summary>Times (on the shared clock) of every acknowledgement.</summary>
    public IReadOnlyCollection<TimeSpan> Acks => acks;

    /// <summary>Failed attempts (connection loss, request timeout, ...).</summary>
    public int Failures { get; private set; }

    /// <summary>The kinds of failures seen.</summary>
    public ConcurrentDictionary<string, int> FailureKinds { get; } = new();

    /// <summary>Creates the versioned node (version 0).</summary>
    /// <returns>A task completing once it exists.</returns>
    public Task SetUpAsync() => Zk.EnsureAsync(client, VersionPath, "v0");

    /// <summary>Writes until <paramref name="stop"/> is cancelled (or a bound on iterations is reached).</summary>
    /// <param name="stop">Stops the loop.</param>
    /// <returns>A task completing when the loop ended.</returns>
    public async Task RunAsync(CancellationToken stop)
    {
        var expected = 0;
        for (var n = 0; n < MaxIterations && !stop.IsCancellationRequested; n++)
        {
            var data = $"writer {id} attempt {n}";
            try
            {
                // Never cancelled mid-flight: an acknowledged write must be recorded.
                var path = await client.CreateAsync("/load/seq-", Zk.Bytes(data), Acl.OpenAclUnsafe, CreateMode.PersistentSequential, cancellationToken: CancellationToken.None);
                created.Add((path, data));
                acks.Enqueue(clock.Elapsed);

                var stat = await client.SetDataAsync(VersionPath, Zk.Bytes(data), expected, CancellationToken.None);
                if (stat.Version != expected + 1)
                {
                    throw new InvalidOperationException($"writer {id}: set with version {expected} returned version {stat.Version}");
                }

                expected = stat.Version;
                LastSet = (expected, data);
                acks.Enqueue(clock.Elapsed);
            }
            catch (Exception e) when (Zk.IsTransient(e) || e is BadVersionException)
            {
                Failures++;
                FailureKinds.AddOrUpdate(e.GetType().Name, 1, (_, c) => c + 1);

                // The set may or may not have been applied: read the node back (bounded) and continue from there.
                try
                {
                    var (_, stat) = await Zk.RetryAsync(() => client.GetDataAsync(VersionPath), TimeSpan.FromSeconds(60)).WaitAsync(stop);
                    if (stat.Version < LastSet.Version)
                    {
                        throw new InvalidOperationException($"writer {id}: {VersionPath} went back from acknowledged version {LastSet.Version} to {stat.Version}");
                    }

                    expected = stat.Version;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (SessionExpiredException)
            {
                throw new InvalidOperationException($"writer {id}: the session expired during the failover");
            }
        }
    }

    /// <summary>
    /// The failover time: the longest pause between consecutive acknowledgements (of all writers together) that ends
    /// after the kill, i.e. from the last write acknowledged before the outage to the first one after it.
    /// </summary>
    /// <param name="acks">Acknowledgement times of every writer.</param>
    /// <param name="killed">When the leader was sent SIGKILL.</param>
    /// <returns>The pause, and when it began and ended.</returns>
    public static (TimeSpan Gap, TimeSpan From, TimeSpan To) Outage(IEnumerable<TimeSpan> acks, TimeSpan killed)
    {
        var sorted = acks.Order().ToList();
        var best = (Gap: TimeSpan.Zero, From: killed, To: killed);
        for (var i = 1; i < sorted.Count; i++)
        {
            var gap = sorted[i] - sorted[i - 1];
            if (sorted[i] > killed && sorted[i - 1] >= killed - TimeSpan.FromSeconds(1) && gap > best.Gap)
            {
                best = (gap, sorted[i - 1], sorted[i]);
            }
        }

        return best;
    }

    /// <summary>Acknowledgements strictly after a time.</summary>
    /// <param name="after">The time.</param>
    /// <returns>The count.</returns>
    public int AcksAfter(TimeSpan after) => acks.Count(a => a > after);

    /// <summary>Checks, through another client, that every acknowledged write is there.</summary>
    /// <param name="reader">A client.</param>
    /// <param name="children">The children of /load.</param>
    /// <returns>A task completing once checked.</returns>
    public async Task VerifyAsync(ZooKeeperClient reader, IReadOnlySet<string> children)
    {
        foreach (var (path, data) in created)
        {
            Assert.True(children.Contains(path["/load/".Length..]), $"writer {id}: acknowledged {path} is missing");
            var (stored, _) = await Zk.RetryAsync(() => reader.GetDataAsync(path), TimeSpan.FromSeconds(30));
            Assert.Equal(data, Zk.Text(stored));
        }

        var (current, stat) = await Zk.RetryAsync(() => reader.GetDataAsync(VersionPath), TimeSpan.FromSeconds(30));
        Assert.True(stat.Version >= LastSet.Version, $"writer {id}: {VersionPath} is at version {stat.Version}, below the acknowledged {LastSet.Version}");
        if (stat.Version == LastSet.Version && LastSet.Version > 0)
        {
            Assert.Equal(LastSet.Data, Zk.Text(current));
        }
    }
}
