using ActorZk.Ensemble.Tests.Infrastructure;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>Runs a scenario against a fresh ensemble, bounded in time, dumping the ensemble's state on failure.</summary>
public abstract class ScenarioBase(ITestOutputHelper output)
{
    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Starts an ensemble, runs the scenario within <paramref name="limit"/>, cleans up whatever happens.</summary>
    /// <param name="voters">Voters.</param>
    /// <param name="observers">Observers.</param>
    /// <param name="limit">The time the scenario may take (the ensemble's start not included).</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="netns">Whether every member gets its own network namespace.</param>
    /// <returns>A task completing when the scenario passed.</returns>
    /// <param name="extra">More zoo.cfg lines for every member.</param>
    protected async Task RunAsync(
        int voters, int observers, TimeSpan limit, Func<Infrastructure.Ensemble, Task> scenario, bool netns = false, IEnumerable<string>? extra = null)
    {
        await using var ensemble = await Infrastructure.Ensemble.StartAsync(Output, voters, observers, netns, extra);
        try
        {
            await scenario(ensemble).WaitAsync(limit);
        }
        catch (Exception e)
        {
            ensemble.Log($"FAILED: {e.GetType().Name}: {e.Message}");
            await ensemble.DumpAsync();
            throw;
        }
    }
}
