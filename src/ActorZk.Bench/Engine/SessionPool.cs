using System.Diagnostics;
using ActorZk.Bench.Options;

namespace ActorZk.Bench.Engine;

/// <summary>
/// The sessions of a run: opened up front (spread round robin over the servers), kept alive by one pinger for
/// all of them while idle, and closed on the servers at the end.
/// </summary>
internal sealed class SessionPool : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly List<BenchSession> sessions;
    private readonly Timer pinger;

    private SessionPool(List<BenchSession> sessions)
    {
        this.sessions = sessions;

        // One timer for every session: a ping is due after a third of the timeout, so checking every 250 ms suffices.
        pinger = new Timer(static state => ((SessionPool)state!).PingIdle(), this, 250, 250);
    }

    /// <summary>The sessions, indexed by <see cref="BenchSession.Index"/>.</summary>
    public IReadOnlyList<BenchSession> Sessions => sessions;

    /// <summary>Opens <paramref name="count"/> sessions, a few at a time, bounded by <paramref name="timeout"/>.</summary>
    /// <exception cref="IOException">A session could not be opened; those that were are closed again.</exception>
    public static async Task<SessionPool> OpenAsync(IReadOnlyList<ServerAddress> servers, int count, int sessionTimeoutMs, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var opened = new BenchSession?[count];
        using var concurrency = new SemaphoreSlim(16);

        async Task OpenOne(int index)
        {
            await concurrency.WaitAsync(cancel.Token);
            try
            {
                opened[index] = await BenchSession.ConnectAsync(index, servers[index % servers.Count], sessionTimeoutMs, cancel.Token);
            }
            finally
            {
                concurrency.Release();
            }
        }

        var tasks = Enumerable.Range(0, count).Select(OpenOne).ToArray();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception e)
        {
            await Task.WhenAll(opened.OfType<BenchSession>().Select(s => s.CloseAsync(CloseTimeout)));
            var first = tasks.FirstOrDefault(t => t.IsFaulted)?.Exception?.InnerException ?? e;
            var message = first is OperationCanceledException ? $"timed out after {timeout.TotalSeconds:0} s" : first.Message;
            throw new IOException($"cannot open {count} sessions: {message}", first);
        }

        return new SessionPool([.. opened.Select(s => s!)]);
    }

    /// <summary>Closes every session on its server (the servers remove their ephemerals) and the sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        await pinger.DisposeAsync();
        foreach (var session in sessions)
        {
            session.SetHandler(null);
        }

        await Task.WhenAll(sessions.Select(s => s.CloseAsync(CloseTimeout)));
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }
    }

    private void PingIdle()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var session in sessions)
        {
            session.PingIfIdle(now);
        }
    }
}
