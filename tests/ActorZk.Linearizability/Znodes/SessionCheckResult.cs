namespace ActorZk.Linearizability.Znodes;

/// <summary>The outcome of <see cref="SessionChecker.Check"/>.</summary>
/// <param name="Sessions">How many sessions were checked.</param>
/// <param name="Violations">What was found; empty when the history keeps the guarantees.</param>
public sealed record SessionCheckResult(int Sessions, IReadOnlyList<SessionViolation> Violations)
{
    /// <summary>Whether no violation was found.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>A readable report.</summary>
    /// <returns>The text.</returns>
    public string Explain() => IsValid
        ? $"{Sessions} sessions, no violations"
        : $"{Sessions} sessions, {Violations.Count} violations:{Environment.NewLine}{string.Join(Environment.NewLine, Violations.Select(v => "  " + v.Message))}";

    /// <inheritdoc />
    public override string ToString() => Explain();
}
