using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Tests.Durability;

/// <summary>An ILogger that keeps every formatted line, so that a test can wait for what an actor reports.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => lines.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");

    public int Count(string fragment) => lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Polls (bounded) until <paramref name="fragment"/> has been logged <paramref name="times"/> times.</summary>
    public async Task WaitForAsync(string fragment, int times = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Count(fragment) < times)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{fragment}' was logged {Count(fragment)} times, not {times}:\n{string.Join('\n', lines)}");
            }

            await Task.Delay(20);
        }
    }
}
