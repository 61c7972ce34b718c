using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Tests.Parsing;

/// <summary>Expected results come from commons-cli 1.5's DefaultParser run on the same words (SetCommand's options).</summary>
public sealed class OptionParserTests
{
    private static readonly OptionSpec[] SetOptions =
        [OptionSpec.Flag("s", "stats"), OptionSpec.WithValue("v", "version"), OptionSpec.Flag("w", "watch")];

    [Theory]
    [InlineData("set -v 3 /a x", "set,/a,x", "3")]
    [InlineData("set -v3 /a", "set,/a", "3")]
    [InlineData("set -sv3 /a", "set,/a", "3")]
    [InlineData("set -vs /a", "set,/a", "s")]
    [InlineData("set -v=3 /a", "set,/a", "3")]
    [InlineData("set -v -1 /a", "set,/a", "-1")]
    [InlineData("set -v -x", "set", "-x")]
    [InlineData("set -v - /a", "set,/a", "-")]
    [InlineData("set -v \"3\" /a", "set,/a", "3")]
    [InlineData("set -v 1 -v 2", "set", "1")]
    [InlineData("set -- -s /a", "set,-s,/a", null)]
    [InlineData("set - /a", "set,-,/a", null)]
    [InlineData("set /a x -s", "set,/a,x", null)]
    public void Parses_like_commons_cli(string line, string args, string? version)
    {
        var parsed = OptionParser.Parse(line.Split(' '), SetOptions);
        Assert.Equal(args.Split(','), parsed.Args);
        Assert.Equal(version, parsed.Value("v"));
    }

    [Fact]
    public void Grouped_flags_are_each_set()
    {
        var parsed = OptionParser.Parse(["set", "-ws", "/a"], SetOptions);
        Assert.True(parsed.Has("w"));
        Assert.True(parsed.Has("s"));
        Assert.False(parsed.Has("v"));
    }

    [Theory]
    [InlineData("set -v", "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v")]
    [InlineData("set /a -v", "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v")]
    [InlineData("set -v -s /a", "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v")]
    [InlineData("set -v --", "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v")]
    [InlineData("set -s=3 /a", "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -s=3")]
    [InlineData("set /a -1", "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -1")]
    [InlineData("set /a --x", "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: --x")]
    [InlineData("set -wx /a", "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -wx")]
    [InlineData("set -xs", "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -xs")]
    [InlineData("set ---", "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: ---")]
    public void Rejects_like_commons_cli(string line, string javaText)
    {
        var error = Assert.Throws<OptionParseException>(() => OptionParser.Parse(line.Split(' '), SetOptions));
        Assert.Equal(javaText, error.JavaText);
    }
}
