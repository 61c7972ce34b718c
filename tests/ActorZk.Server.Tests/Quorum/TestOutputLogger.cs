using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Quorum;

/// <summary>An ILogger that writes to the test's output, prefixed with the member's id.</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output, string prefix) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{prefix}] {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test is over; actors shutting down may still log.
        }
    }
}
