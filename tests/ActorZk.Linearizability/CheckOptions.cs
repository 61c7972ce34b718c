namespace ActorZk.Linearizability;

/// <summary>Budgets for a linearizability check.</summary>
public sealed record CheckOptions
{
    /// <summary>Wall-clock budget for the whole history (all partitions); <see cref="CheckOutcome.Unknown"/> after.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Budget of search steps per partition (a step tries one operation in one state).</summary>
    public long MaxStepsPerPartition { get; init; } = 200_000_000;

    /// <summary>How many operations of the longest linearizable prefix an explanation shows (the last ones).</summary>
    public int ExplainPrefixLength { get; init; } = 20;
}
