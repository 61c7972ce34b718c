using System.Text;

namespace ActorZk.Linearizability;

/// <summary>The verdict for a whole history.</summary>
/// <param name="Outcome">Not linearizable if any partition is not; else unknown if any partition is unknown.</param>
/// <param name="Partitions">The per-partition verdicts.</param>
public sealed record LinearizabilityResult(CheckOutcome Outcome, IReadOnlyList<PartitionResult> Partitions)
{
    /// <summary>A readable report: one line per partition, then the explanations.</summary>
    /// <returns>The text.</returns>
    public string Explain()
    {
        var text = new StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{Outcome}");
        foreach (var p in Partitions)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {p.Partition}: {p.Outcome}, {p.Operations} ops, {p.Steps} steps, {p.Elapsed.TotalMilliseconds:F0} ms");
        }

        foreach (var p in Partitions.Where(p => p.Explanation is not null))
        {
            text.AppendLine().AppendLine(p.Explanation);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Explain();
}
