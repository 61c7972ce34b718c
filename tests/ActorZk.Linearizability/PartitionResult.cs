namespace ActorZk.Linearizability;

/// <summary>The verdict for one independent part of a history.</summary>
/// <param name="Partition">The partition key (a znode path for ZooKeeper).</param>
/// <param name="Outcome">The verdict.</param>
/// <param name="Operations">How many operations the partition has.</param>
/// <param name="Steps">How many search steps were taken.</param>
/// <param name="Elapsed">How long the search took.</param>
/// <param name="Explanation">For <see cref="CheckOutcome.NotLinearizable"/>: the longest linearizable prefix found
/// and the operations none of which could be placed after it; for <see cref="CheckOutcome.Unknown"/>: which budget
/// ran out; otherwise null.</param>
public sealed record PartitionResult(string Partition, CheckOutcome Outcome, int Operations, long Steps, TimeSpan Elapsed, string? Explanation);
