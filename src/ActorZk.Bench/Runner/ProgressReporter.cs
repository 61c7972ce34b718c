using System.Diagnostics;
using System.Globalization;
using ActorZk.Bench.Phases;

namespace ActorZk.Bench.Runner;

/// <summary>
/// Shows a running phase's ops and ops/s on stderr: rewritten in place twice a second on a terminal, a plain line
/// every two seconds when stderr goes to a file (so logs stay readable).
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private readonly TextWriter output;
    private readonly string label;
    private readonly IPhase phase;
    private readonly bool interactive;
    private readonly long start = Stopwatch.GetTimestamp();
    private readonly Timer timer;
    private readonly object gate = new();
    private bool disposed;

    public ProgressReporter(TextWriter output, string label, IPhase phase, bool interactive)
    {
        this.output = output;
        this.label = label;
        this.phase = phase;
        this.interactive = interactive;
        var period = interactive ? 500 : 2000;
        timer = new Timer(static s => ((ProgressReporter)s!).Print(), this, period, period);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            disposed = true;
            if (interactive)
            {
                // Clear the progress line so the table starts on a clean one.
                output.Write("\r\u001b[K");
                output.Flush();
            }
        }
    }

    private void Print()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var ops = phase.CompletedOps;
            var rate = elapsed > 0 ? ops / elapsed : 0;
            var line = string.Create(CultureInfo.InvariantCulture, $"{label}: {ops} ops in {elapsed:0.0} s, {rate:0} ops/s");
            if (interactive)
            {
                output.Write($"\r\u001b[K{line}");
            }
            else
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }
}
