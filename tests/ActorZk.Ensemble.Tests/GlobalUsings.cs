global using Xunit;
global using Xunit.Abstractions;

// Every test runs its own ensemble of JVMs or .NET servers: running two at once on a small machine would only
// measure the machine. Failover timings printed by the tests assume nothing else of this suite runs meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
