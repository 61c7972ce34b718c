using ActorZk.Bench.Engine;
using ActorZk.Protocol;

namespace ActorZk.Bench.Runner;

/// <summary>One request awaited on its own, for the few setup and cleanup steps that are not bulk (a directory node, a listing).</summary>
internal sealed class SingleRequest : ISessionHandler
{
    private readonly TaskCompletionSource<(ErrorCode Err, byte[] Body)> reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SingleRequest()
    {
    }

    /// <summary>Sends what <paramref name="send"/> queues on <paramref name="session"/> and returns the reply's error and body.</summary>
    /// <exception cref="IOException">The session closed or the reply did not come within <paramref name="timeout"/>.</exception>
    public static async Task<(ErrorCode Err, byte[] Body)> RunAsync(BenchSession session, Func<BenchSession, bool> send, TimeSpan timeout)
    {
        var request = new SingleRequest();
        session.SetHandler(request);
        try
        {
            var sent = false;
            session.RunLocked((s, _) => sent = send(s), 0);
            if (!sent)
            {
                throw new IOException($"session {session.Index} on {session.Server} is closed");
            }

            return await request.reply.Task.WaitAsync(timeout);
        }
        catch (TimeoutException e)
        {
            throw new IOException($"no reply from {session.Server} within {timeout.TotalSeconds:0} s", e);
        }
        finally
        {
            session.SetHandler(null);
        }
    }

    /// <inheritdoc />
    public void OnReply(BenchSession session, in PendingRequest request, ErrorCode err, ReadOnlySpan<byte> body, long timestamp)
        => reply.TrySetResult((err, body.ToArray()));

    /// <inheritdoc />
    public void OnNotification(BenchSession session, EventType type, ReadOnlySpan<byte> path, long timestamp)
    {
        // Setup and cleanup set no watches; leftovers of a measured phase do not matter here.
    }

    /// <inheritdoc />
    public void OnClosed(BenchSession session, int lostRequests, Exception? reason)
        => reply.TrySetException(new IOException($"session {session.Index} on {session.Server} closed: {reason?.Message}", reason));
}
