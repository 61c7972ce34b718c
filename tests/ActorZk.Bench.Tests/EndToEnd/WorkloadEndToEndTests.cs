using System.Text.Json;
using ActorZk.Bench.Options;
using ActorZk.Bench.Runner;

namespace ActorZk.Bench.Tests.EndToEnd;

/// <summary>
/// Each workload, briefly, against a real Apache ZooKeeper: the JSON line is complete, nothing failed, and the
/// tool's tree is gone afterwards. Bounded by op count (a few hundred) and a time cap; nothing here asserts timing.
/// </summary>
public sealed class WorkloadEndToEndTests : IClassFixture<ApacheZooKeeper>
{
    private const long Ops = 300;

    private readonly ApacheZooKeeper server;

    public WorkloadEndToEndTests(ApacheZooKeeper server)
    {
        this.server = server;
    }

    [ZooKeeperTheory]
    [InlineData("create")]
    [InlineData("get")]
    [InlineData("set")]
    [InlineData("delete")]
    [InlineData("getchildren")]
    [InlineData("ephemeral-seq")]
    [InlineData("mixed")]
    [InlineData("watch")]
    public async Task Workload_runs_without_errors_and_cleans_up(string workload)
    {
        var nodesBefore = await server.MonitorValueAsync("zk_znode_count");
        var options = OptionParser.Parse(
        [
            "--servers", $"127.0.0.1:{server.Port}",
            "--workload", workload,
            "--sessions", "3",
            "--outstanding", "4",
            "--ops", Ops.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--warmup", "50",
            "--payload", "64",
            "--children", "20",
            "--duration", "60",
            "--root", $"/bench-e2e-{workload}",
            "--server-pid", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--json",
        ])!;

        var result = await BenchRunner.RunAsync(options, TextWriter.Null, interactive: false, CancellationToken.None);
        var line = ResultWriter.ToJson(result);

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(workload, root.GetProperty("workload").GetString());
        Assert.Equal($"127.0.0.1:{server.Port}", root.GetProperty("servers").GetString());
        Assert.Equal(3, root.GetProperty("sessions").GetInt32());
        Assert.Equal(4, root.GetProperty("outstanding").GetInt32());
        Assert.Equal(64, root.GetProperty("payload").GetInt32());
        Assert.Equal(Ops, root.GetProperty("ops").GetInt64());
        Assert.True(root.GetProperty("duration_s").GetDouble() > 0);
        Assert.True(root.GetProperty("ops_per_sec").GetDouble() > 0);
        var p50 = root.GetProperty("p50_ms").GetDouble();
        var p99 = root.GetProperty("p99_ms").GetDouble();
        var p999 = root.GetProperty("p999_ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= p999, line);
        Assert.True(root.GetProperty("errors").GetInt64() == 0, line);
        Assert.Empty(root.GetProperty("errors_by_code").EnumerateObject());
        Assert.Empty(root.GetProperty("failures").EnumerateArray());
        Assert.True(root.TryGetProperty("server_cpu_us_per_op", out _), line);

        // The run removed its tree, the root included (this run made it).
        Assert.Equal(nodesBefore, await server.MonitorValueAsync("zk_znode_count"));
    }

    [ZooKeeperTheory]
    [InlineData("get")]
    [InlineData("create")]
    public async Task A_host_list_spreads_the_sessions_and_syncs_them_after_the_setup(string workload)
    {
        // The same server twice: sessions alternate over the list, and with more than one server every
        // session syncs after the setup (an ensemble's followers must see the setup's nodes before the warm-up).
        var nodesBefore = await server.MonitorValueAsync("zk_znode_count");
        var servers = $"127.0.0.1:{server.Port},127.0.0.1:{server.Port}";
        var options = OptionParser.Parse(
        [
            "--servers", servers, "--workload", workload, "--sessions", "4", "--ops", "200", "--warmup", "20",
            "--duration", "60", "--root", $"/bench-e2e-hosts-{workload}", "--json",
        ])!;

        var result = await BenchRunner.RunAsync(options, TextWriter.Null, interactive: false, CancellationToken.None);
        var line = ResultWriter.ToJson(result);

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(servers, root.GetProperty("servers").GetString());
        Assert.Equal(4, root.GetProperty("sessions").GetInt32());
        Assert.True(root.GetProperty("errors").GetInt64() == 0, line);
        Assert.Empty(root.GetProperty("failures").EnumerateArray());
        Assert.Equal(nodesBefore, await server.MonitorValueAsync("zk_znode_count"));
    }

    [ZooKeeperFact]
    public async Task A_server_that_is_not_there_fails_fast_with_a_clear_message()
    {
        var options = OptionParser.Parse(["--servers", "127.0.0.1:1", "--workload", "get", "--ops", "10"])!;

        var error = await Assert.ThrowsAsync<IOException>(() => BenchRunner.RunAsync(options, TextWriter.Null, false, CancellationToken.None));

        Assert.Contains("cannot open 1 sessions", error.Message, StringComparison.Ordinal);
    }
}
