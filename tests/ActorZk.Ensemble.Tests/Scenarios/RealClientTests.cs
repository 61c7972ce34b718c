using System.Diagnostics;
using ActorZk.Ensemble.Tests.Infrastructure;

namespace ActorZk.Ensemble.Tests.Scenarios;

/// <summary>Clients other than ours against the ensemble: kazoo (Python), zkCli.sh (Java).</summary>
public sealed class RealClientTests(ITestOutputHelper output) : ScenarioBase(output)
{
    private static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "scripts", name);

    [EnsembleFact(Requires = "kazoo")]
    public Task Kazoo_with_a_host_list_survives_a_leader_kill() => RunAsync(3, 0, TimeSpan.FromSeconds(180), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        using var python = StartPython(ScriptPath("kazoo_failover.py"), ensemble.HostList, "failover");
        try
        {
            var ready = await ReadLineAsync(python, TimeSpan.FromSeconds(60));
            Assert.StartsWith("READY", ready);
            ensemble.Log($"kazoo: {ready}; killing leader {leader}");
            await ensemble.KillAsync(leader);
            await python.StandardInput.WriteLineAsync("go");
            await python.StandardInput.FlushAsync();
            await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            var rest = await python.StandardOutput.ReadToEndAsync();
            ensemble.Log($"kazoo output:\n{rest}{await python.StandardError.ReadToEndAsync()}");
            Assert.Equal(0, python.ExitCode);
            Assert.Contains("PASS", rest);
        }
        finally
        {
            KillIfRunning(python);
        }

        await using var client = await Zk.ConnectAsync(ensemble.HostList);
        Assert.Equal(40, (await client.GetChildrenAsync("/kz")).Count);
    });

    [EnsembleFact(Requires = "curator")]
    public Task Curator_recipes_survive_a_leader_kill() => RunAsync(3, 1, TimeSpan.FromSeconds(240), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var classes = Directory.CreateTempSubdirectory("curator-failover-").FullName;
        using var java = await StartCuratorAsync(ensemble.HostList, classes);
        try
        {
            var ready = await ReadLineAsync(java, TimeSpan.FromSeconds(90));
            Assert.Equal("READY", ready);
            ensemble.Log($"curator: latch held, 20 locked writes done; killing leader {leader}");
            await ensemble.KillAsync(leader);
            await java.StandardInput.WriteLineAsync("go");
            await java.StandardInput.FlushAsync();
            await java.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(150));
            var rest = await java.StandardOutput.ReadToEndAsync();
            ensemble.Log($"curator output:\n{rest}");
            Assert.Equal(0, java.ExitCode);
            Assert.Contains("PASS", rest);
        }
        finally
        {
            KillIfRunning(java);
            Directory.Delete(classes, recursive: true);
        }
    });

    [EnsembleFact(Requires = "kazoo")]
    public Task Ephemerals_of_an_expired_session_disappear_on_every_member() => RunAsync(3, 1, TimeSpan.FromSeconds(120), async ensemble =>
    {
        await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));

        // The session lives in a kazoo process (4 s timeout) that is then SIGKILLed: nobody closes it, it expires.
        using var python = StartPython(ScriptPath("kazoo_failover.py"), ensemble.HostList, "hold");
        string ready;
        try
        {
            ready = await ReadLineAsync(python, TimeSpan.FromSeconds(60));
            Assert.StartsWith("READY", ready);
        }
        catch
        {
            KillIfRunning(python);
            throw;
        }

        foreach (var member in ensemble.Members)
        {
            var children = await Zk.OnMemberAsync(ensemble, member.Id, c => c.GetChildrenAsync("/exp"));
            Assert.Equal(["kazoo-1", "kazoo-2"], children.Order());
        }

        var watch = Stopwatch.StartNew();
        python.Kill();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        ensemble.Log($"killed the kazoo process holding session {ready[6..]}");

        var clients = new List<ActorZk.Client.ZooKeeperClient>();
        try
        {
            foreach (var member in ensemble.Members)
            {
                clients.Add(await Zk.ConnectAsync(member.Address));
            }

            var gone = await Task.WhenAll(ensemble.Members.Select(async m =>
            {
                await Zk.WaitUntilAsync(async () => (await clients[m.Id - 1].GetChildrenAsync("/exp")).Count == 0, TimeSpan.FromSeconds(30), $"ephemerals gone on member {m.Id}");
                return (m.Id, watch.ElapsedMilliseconds);
            }));
            foreach (var (id, ms) in gone)
            {
                ensemble.Report($"expired session's ephemerals gone on member {id} ({(ensemble[id].IsObserver ? "observer" : "voter")}) after ms: {ms}");
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    });

    [EnsembleFact(Requires = "zkcli")]
    public Task ZkCli_with_a_host_list_creates_and_reads_through_followers_and_after_a_leader_kill() => RunAsync(3, 0, TimeSpan.FromSeconds(180), async ensemble =>
    {
        var leader = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        var followers = ensemble.Members.Select(m => m.Id).Where(i => i != leader).ToArray();

        var created = await ZkCliAsync(ensemble.HostsOf(followers), "create", "/zkcli-node", "hello_world");
        Assert.Contains("Created /zkcli-node", created);
        foreach (var f in followers)
        {
            var read = await ZkCliAsync(ensemble[f].Address, "get", "/zkcli-node");
            Assert.Contains("hello_world", read);
        }

        ensemble.Log($"zkCli created through followers {ensemble.HostsOf(followers)} and read it on each");

        await ensemble.KillAsync(leader);
        var watch = Stopwatch.StartNew();
        string after = string.Empty;
        for (var attempt = 0; attempt < 10 && !after.Contains("Created /zkcli-after", StringComparison.Ordinal); attempt++)
        {
            after = await ZkCliAsync(ensemble.HostList, "create", "/zkcli-after", "still_here");
            if (after.Contains("Node already exists", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.True(after.Contains("Created /zkcli-after", StringComparison.Ordinal) || after.Contains("Node already exists", StringComparison.Ordinal), after);
        // A one-shot zkCli that lands on a member still re-syncing sees a connection loss and exits, as it would with
        // ZooKeeper; a user runs it again.
        var again = string.Empty;
        for (var attempt = 0; attempt < 5 && !again.Contains("hello_world", StringComparison.Ordinal); attempt++)
        {
            again = await ZkCliAsync(ensemble.HostList, "get", "/zkcli-node");
            if (attempt > 0 || !again.Contains("hello_world", StringComparison.Ordinal))
            {
                ensemble.Log($"zkCli get, attempt {attempt + 1}:\n{again}");
            }
        }

        Assert.True(again.Contains("hello_world", StringComparison.Ordinal), again);
        ensemble.Log($"zkCli with the host list wrote and read after the leader kill ({watch.ElapsedMilliseconds} ms, JVM start-ups included)");
    });

    private static async Task<string> ZkCliAsync(string hosts, params string[] command)
    {
        var result = await Shell.RunAsync(Prerequisites.ZkCli, new[] { "-server", hosts }.Concat(command), TimeSpan.FromSeconds(60));
        return result.All;
    }

    /// <summary>Compiles scripts/CuratorFailover.java against Debian's Curator jars and starts it.</summary>
    private static async Task<Process> StartCuratorAsync(string hosts, string classes)
    {
        string[] jars =
        [
            .. Prerequisites.CuratorJars, "/usr/share/java/zookeeper.jar", "/usr/share/java/zookeeper-jute.jar",
            "/usr/share/java/guava.jar", "/usr/share/java/slf4j-api.jar", "/usr/share/java/slf4j-nop.jar",
        ];
        var classPath = string.Join(':', jars);
        var compiled = await Shell.RunAsync("javac", ["-nowarn", "-d", classes, "-cp", classPath, ScriptPath("CuratorFailover.java")], TimeSpan.FromSeconds(120));
        Assert.True(compiled.ExitCode == 0, $"javac failed:\n{compiled.All}");
        var info = new ProcessStartInfo("java")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-cp", $"{classes}:{classPath}", "CuratorFailover", hosts })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start java");
    }

    private static Process StartPython(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(Prerequisites.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
    }

    private static async Task<string> ReadLineAsync(Process process, TimeSpan timeout)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(timeout);
        return line ?? throw new InvalidOperationException($"the script ended: {await process.StandardError.ReadToEndAsync()}");
    }

    private static void KillIfRunning(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Gone.
        }
    }
}
