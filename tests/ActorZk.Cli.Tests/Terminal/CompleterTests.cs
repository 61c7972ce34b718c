using ActorZk.Cli.Terminal;

namespace ActorZk.Cli.Tests.Terminal;

public sealed class CompleterTests
{
    private static readonly string[] Commands = ["addWatch", "addauth", "close", "create", "get", "getAcl", "ls"];

    private readonly List<string> listed = [];

    [Fact]
    public async Task Completes_command_names()
    {
        var completion = await Completer().CompleteAsync("ge", 2);
        Assert.Equal(0, completion.Start);
        Assert.Equal(["get", "getAcl"], completion.Candidates);
        Assert.Equal("get", completion.CommonPrefix);
    }

    [Fact]
    public async Task Completes_znodes_by_listing_the_parent()
    {
        var completion = await Completer().CompleteAsync("ls /app/se", 10);
        Assert.Equal(["/app"], listed);
        Assert.Equal(3, completion.Start);
        Assert.Equal(["/app/second", "/app/seven"], completion.Candidates);
        Assert.Equal("/app/se", completion.CommonPrefix);
    }

    [Fact]
    public async Task Completes_top_level_znodes_from_the_root()
    {
        var completion = await Completer().CompleteAsync("get /", 5);
        Assert.Equal(["/"], listed);
        Assert.Equal(["/app", "/zookeeper"], completion.Candidates);
    }

    [Fact]
    public async Task Completes_only_the_word_before_the_cursor()
    {
        var completion = await Completer().CompleteAsync("cl /x", 2);
        Assert.Equal(["close"], completion.Candidates);
    }

    private Completer Completer() => new(Commands, path =>
    {
        listed.Add(path);
        IReadOnlyList<string> children = path == "/" ? ["zookeeper", "app"] : ["seven", "first", "second"];
        return Task.FromResult(children);
    });
}
