using ActorZk.Cli.Shell;

namespace ActorZk.Cli.Tests.Shell;

public sealed class LaunchOptionsTests
{
    [Fact]
    public void Defaults_to_a_local_shell()
    {
        var options = LaunchOptions.Parse([]);
        Assert.Equal("localhost:2181", options.Server);
        Assert.Equal(30_000, options.TimeoutMs);
        Assert.False(options.ReadOnly);
        Assert.Null(options.Command);
    }

    [Fact]
    public void Takes_options_then_a_command_with_its_own_dashes()
    {
        var options = LaunchOptions.Parse(["-server", "a:1,b:2/app", "-timeout", "5000", "-r", "-unknown", "get", "-s", "/x"]);
        Assert.Equal("a:1,b:2/app", options.Server);
        Assert.Equal(5000, options.TimeoutMs);
        Assert.True(options.ReadOnly);
        Assert.Equal(["get", "-s", "/x"], options.Command);
    }

    [Fact]
    public void A_missing_value_is_reported_and_ends_parsing()
    {
        var options = LaunchOptions.Parse(["-r", "-server"]);
        Assert.Equal(["Error: no argument found for option -server"], options.Warnings);
        Assert.Null(options.Command);
        Assert.True(options.ReadOnly);
    }

    [Fact]
    public void A_bad_timeout_is_an_error()
        => Assert.Equal("java.lang.NumberFormatException: For input string: \"soon\"", LaunchOptions.Parse(["-timeout", "soon"]).Error);
}
