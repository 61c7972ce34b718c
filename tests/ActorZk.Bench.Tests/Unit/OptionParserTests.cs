using ActorZk.Bench.Options;

namespace ActorZk.Bench.Tests.Unit;

public sealed class OptionParserTests
{
    [Fact]
    public void No_arguments_give_the_documented_defaults()
    {
        var options = OptionParser.Parse([])!;

        Assert.Equal([new ServerAddress("127.0.0.1", 2181)], options.Servers);
        Assert.Equal(Workload.Get, options.Workload);
        Assert.Equal(1, options.Sessions);
        Assert.Equal(1, options.Outstanding);
        Assert.Equal(10_000, options.Ops);
        Assert.Equal(100, options.Payload);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal(1_000, options.Warmup);
        Assert.Equal("/actorzk-bench", options.Root);
        Assert.Equal(100, options.Children);
        Assert.Equal(0.9, options.ReadRatio);
        Assert.False(options.Json);
        Assert.Empty(options.ServerPids);
    }

    [Fact]
    public void Every_option_is_parsed()
    {
        var options = OptionParser.Parse(
        [
            "--servers", "10.0.0.1:2181, zk2:2182,[::1]:2183,zk4",
            "--workload", "ephemeral-seq",
            "--sessions", "100",
            "--outstanding", "8",
            "--ops", "250000",
            "--payload", "1024",
            "--duration", "2.5",
            "--warmup", "0",
            "--root", "/bench/x",
            "--children", "1000",
            "--read-ratio", "0.75",
            "--server-pid", "12,34",
            "--json",
        ])!;

        Assert.Equal(
            [new ServerAddress("10.0.0.1", 2181), new ServerAddress("zk2", 2182), new ServerAddress("::1", 2183), new ServerAddress("zk4", 2181)],
            options.Servers);
        Assert.Equal("10.0.0.1:2181,zk2:2182,[::1]:2183,zk4:2181", options.ServersText);
        Assert.Equal(Workload.EphemeralSequential, options.Workload);
        Assert.Equal(100, options.Sessions);
        Assert.Equal(8, options.Outstanding);
        Assert.Equal(250_000, options.Ops);
        Assert.Equal(1024, options.Payload);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Duration);
        Assert.Equal(0, options.Warmup);
        Assert.Equal("/bench/x", options.Root);
        Assert.Equal(1000, options.Children);
        Assert.Equal(0.75, options.ReadRatio);
        Assert.Equal([12, 34], options.ServerPids);
        Assert.True(options.Json);
    }

    [Fact]
    public void Name_equals_value_works_like_two_arguments()
    {
        var options = OptionParser.Parse(["--workload=watch", "--sessions=3", "--servers=h:1"])!;

        Assert.Equal(Workload.Watch, options.Workload);
        Assert.Equal(3, options.Sessions);
        Assert.Equal([new ServerAddress("h", 1)], options.Servers);
    }

    [Theory]
    [InlineData("create", nameof(Workload.Create))]
    [InlineData("get", nameof(Workload.Get))]
    [InlineData("set", nameof(Workload.Set))]
    [InlineData("delete", nameof(Workload.Delete))]
    [InlineData("getchildren", nameof(Workload.GetChildren))]
    [InlineData("ephemeral-seq", nameof(Workload.EphemeralSequential))]
    [InlineData("mixed", nameof(Workload.Mixed))]
    [InlineData("watch", nameof(Workload.Watch))]
    [InlineData("GetChildren", nameof(Workload.GetChildren))]
    public void Workload_names_parse_and_print_back(string name, string workload)
    {
        var expected = Enum.Parse<Workload>(workload);
        Assert.Equal(expected, OptionParser.Parse(["--workload", name])!.Workload);
        Assert.Equal(name.ToLowerInvariant(), WorkloadNames.NameOf(expected));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_returns_null(string flag)
    {
        Assert.Null(OptionParser.Parse(["--sessions", "2", flag]));
        Assert.Contains("--outstanding", OptionParser.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", "1")]
    [InlineData("positional")]
    [InlineData("--workload", "nope")]
    [InlineData("--workload")]
    [InlineData("--sessions", "0")]
    [InlineData("--sessions", "ten")]
    [InlineData("--sessions", "1.5")]
    [InlineData("--outstanding", "-1")]
    [InlineData("--ops", "0")]
    [InlineData("--payload", "-1")]
    [InlineData("--payload", "2000000")]
    [InlineData("--duration", "0")]
    [InlineData("--duration", "abc")]
    [InlineData("--duration", "NaN")]
    [InlineData("--warmup", "-3")]
    [InlineData("--read-ratio", "1.5")]
    [InlineData("--read-ratio", "-0.1")]
    [InlineData("--children", "0")]
    [InlineData("--root", "/")]
    [InlineData("--root", "relative")]
    [InlineData("--root", "/trailing/")]
    [InlineData("--root", "/a//b")]
    [InlineData("--root", "/a/../b")]
    [InlineData("--servers", "")]
    [InlineData("--servers", "host:notaport")]
    [InlineData("--servers", "host:70000")]
    [InlineData("--servers", ":2181")]
    [InlineData("--servers", "[::1")]
    [InlineData("--server-pid", "x")]
    [InlineData("--json=yes")]
    public void Invalid_command_lines_are_refused_with_the_option_named(params string[] args)
    {
        var error = Assert.Throws<OptionException>(() => OptionParser.Parse(args));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        if (args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Assert.Contains(args[0].Split('=')[0], error.Message, StringComparison.Ordinal);
        }
    }
}
