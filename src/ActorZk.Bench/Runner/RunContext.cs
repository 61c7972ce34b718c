using System.Text;
using ActorZk.Bench.Engine;
using ActorZk.Bench.Options;
using ActorZk.Bench.Phases;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;

namespace ActorZk.Bench.Runner;

/// <summary>
/// What the workloads of one run share: the options, the sessions, the run's own znode (under <c>--root</c>) and
/// the helpers that set up and clean up trees with the same lean engine the measurement uses.
/// </summary>
internal sealed class RunContext
{
    /// <summary>Bound on one setup or cleanup request.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Bound on one bulk setup or cleanup pass.</summary>
    public static readonly TimeSpan BulkTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Multis are kept well under jute.maxbuffer (1 MB), whatever the payload.</summary>
    private const int MaxMultiBytes = 512 * 1024;

    public RunContext(BenchOptions options, IReadOnlyList<BenchSession> sessions, string runPath, TextWriter log)
    {
        Options = options;
        Sessions = sessions;
        RunPath = runPath;
        Log = log;
        Payload = new byte[options.Payload];
        Payload.AsSpan().Fill((byte)'x');
    }

    public BenchOptions Options { get; }

    /// <summary>The sessions, indexed by <see cref="BenchSession.Index"/>.</summary>
    public IReadOnlyList<BenchSession> Sessions { get; }

    /// <summary>The run's own znode; everything the run makes is below it.</summary>
    public string RunPath { get; }

    /// <summary>The data written by create, set, mixed and watch.</summary>
    public byte[] Payload { get; }

    /// <summary>Where setup and cleanup notes go (stderr).</summary>
    public TextWriter Log { get; }

    /// <summary>How many creates or deletes go in one multi.</summary>
    public int BatchSize(OpCode op)
        => op == OpCode.Create ? Math.Clamp(MaxMultiBytes / (Payload.Length + ZnodePath.MaxLength), 1, 100) : 100;

    /// <summary>Creates a persistent node with no data; false if it already existed.</summary>
    /// <exception cref="InvalidOperationException">The server refused for another reason.</exception>
    public async Task<bool> CreateNodeAsync(string path)
    {
        var bytes = ZnodePath.Utf8(path);
        var (err, _) = await SingleRequest.RunAsync(AnySession(), s => s.Create(bytes, [], CreateMode.Persistent, 0), RequestTimeout);
        return err switch
        {
            ErrorCode.Ok => true,
            ErrorCode.NodeExists => false,
            _ => throw new InvalidOperationException($"cannot create {path}: {err}"),
        };
    }

    /// <summary>
    /// Syncs every session on <paramref name="path"/>, all at once: each server has then applied what the setup
    /// wrote through another server (a follower may answer reads before it has seen the leader's latest commits).
    /// </summary>
    /// <exception cref="InvalidOperationException">A server refused the sync.</exception>
    public async Task SyncAllAsync(string path)
    {
        var bytes = ZnodePath.Utf8(path);
        var replies = await Task.WhenAll(Sessions.Select(session => SingleRequest.RunAsync(session, s => s.Sync(bytes, 0), RequestTimeout)));
        if (replies.FirstOrDefault(r => r.Err != ErrorCode.Ok) is { Err: not ErrorCode.Ok } failed)
        {
            throw new InvalidOperationException($"cannot sync {path}: {failed.Err}");
        }
    }

    /// <summary>Deletes a node; returns the server's answer (Ok, NoNode, NotEmpty, ...).</summary>
    public async Task<ErrorCode> DeleteNodeAsync(string path)
    {
        var bytes = ZnodePath.Utf8(path);
        var (err, _) = await SingleRequest.RunAsync(AnySession(), s => s.Delete(bytes, -1, 0), RequestTimeout);
        return err;
    }

    /// <summary>The children of <paramref name="path"/>, or an empty list if it does not exist.</summary>
    public async Task<List<string>> GetChildrenAsync(string path)
    {
        var bytes = ZnodePath.Utf8(path);
        var (err, body) = await SingleRequest.RunAsync(AnySession(), s => s.GetChildren(bytes, false, 0), RequestTimeout);
        if (err == ErrorCode.NoNode)
        {
            return [];
        }

        if (err != ErrorCode.Ok)
        {
            throw new InvalidOperationException($"cannot list {path}: {err}");
        }

        var reader = new JuteReader(body);
        return reader.ReadStringVector() ?? [];
    }

    /// <summary>
    /// Creates or deletes items 0..<paramref name="total"/>-1 named by <paramref name="compose"/>, in multis, over all
    /// sessions. Setup (<paramref name="cleanup"/> false) must succeed entirely; a cleanup tolerates what is already gone.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setup step failed.</exception>
    public async Task BulkAsync<TState>(string what, OpCode op, long total, TState state, PathComposer<TState> compose, CreateMode mode, bool cleanup)
    {
        if (total <= 0)
        {
            return;
        }

        var source = new BulkSource<TState>(
            op, total, BatchSize(op), state, compose, op == OpCode.Create ? Payload : [], mode, cleanup ? ErrorCode.NoNode : ErrorCode.Ok);
        var budgets = Enumerable.Repeat(long.MaxValue, Sessions.Count).ToArray();
        var phase = new ClosedLoopPhase(Sessions, source, budgets, 4, BulkTimeout, BulkTimeout + TimeSpan.FromSeconds(10), measureLatency: false);
        var result = await phase.RunAsync();
        var errors = result.Errors.Total;
        if (errors == 0)
        {
            return;
        }

        var detail = string.Join(", ", result.Errors.ByCode().Select(e => $"{e.Key} x{e.Value}"));
        var failures = result.Failures.Count > 0 ? $"; {string.Join("; ", result.Failures)}" : string.Empty;
        if (!cleanup)
        {
            throw new InvalidOperationException($"setup failed: {what}: {detail}{failures}");
        }

        Log.WriteLine($"cleanup: {what}: {detail}{failures} (left for the final sweep)");
    }

    /// <summary>
    /// Deletes <paramref name="path"/> and everything below it, <paramref name="levels"/> levels deep, by listing:
    /// the sweep after the bulk cleanup, which normally finds nothing left to delete.
    /// </summary>
    public async Task RemoveTreeAsync(string path, int levels)
    {
        var children = await GetChildrenAsync(path);
        if (levels > 1)
        {
            foreach (var child in children)
            {
                await RemoveTreeAsync($"{path}/{child}", levels - 1);
            }
        }
        else if (children.Count > 0)
        {
            var names = children.Select(c => Encoding.UTF8.GetBytes($"{path}/{c}")).ToArray();
            await BulkAsync($"remove {children.Count} nodes under {path}", OpCode.Delete, names.Length, names, static (n, i, d) => Copy(n[i], d), CreateMode.Persistent, cleanup: true);
        }

        var err = await DeleteNodeAsync(path);
        if (err is not (ErrorCode.Ok or ErrorCode.NoNode))
        {
            Log.WriteLine($"cleanup: cannot delete {path}: {err}");
        }
    }

    private static int Copy(byte[] source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private BenchSession AnySession()
        => Sessions.FirstOrDefault(s => !s.IsClosed) ?? throw new IOException("every session is closed");
}
