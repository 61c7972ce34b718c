using ActorZk.Linearizability.Znodes;

namespace ActorZk.Linearizability.Tests;

/// <summary>
/// Replays the histories saved under <c>Histories/</c>: a file named <c>linearizable-*.json</c> must check
/// linearizable with no session violation, <c>not-linearizable-*.json</c> must not. Drop a history saved by a
/// failing run there (renamed to the verdict it should get once fixed) to keep it as a regression test.
/// </summary>
public sealed class ReplayTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Histories");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Saved_history_gets_the_verdict_its_name_says(string name)
    {
        var history = History<ZkInput, ZkOutput>.Load(Path.Combine(Directory, name));
        var result = ZooKeeperChecks.CheckLinearizability(history);
        if (name.StartsWith("not-linearizable-", StringComparison.Ordinal))
        {
            Assert.True(result.Outcome == CheckOutcome.NotLinearizable, result.Explain());
        }
        else
        {
            Assert.True(result.Outcome == CheckOutcome.Linearizable, result.Explain());
            var sessions = ZooKeeperChecks.CheckSessions(history);
            Assert.True(sessions.IsValid, sessions.Explain());
        }
    }

    [Fact]
    public void There_are_saved_histories_to_replay()
        => Assert.True(Files().Count >= 2);
}
