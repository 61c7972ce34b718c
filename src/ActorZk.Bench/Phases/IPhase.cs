namespace ActorZk.Bench.Phases;

/// <summary>A phase of a run (warm-up, measurement, setup, cleanup) that the progress line can watch.</summary>
internal interface IPhase
{
    /// <summary>Operations completed so far; read without a lock, so it may lag by a few.</summary>
    long CompletedOps { get; }

    /// <summary>Runs the phase to its end and returns what it measured.</summary>
    Task<PhaseResult> RunAsync();
}
