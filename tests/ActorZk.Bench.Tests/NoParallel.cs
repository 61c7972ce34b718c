namespace ActorZk.Bench.Tests;

/// <summary>Tests that measure process-wide allocation run alone: a parallel test's allocations would count too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NoParallel
{
    public const string Name = "no parallel";
}
