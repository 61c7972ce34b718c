using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Tests.Formatting;

public sealed class HelpTextTests
{
    [Fact]
    public void Prints_ls_help_as_commons_cli()
        => Assert.Equal(
            "usage: ls [options] path\n -?   help\n -R   recurse\n -s   stat\n -w   watch\n",
            HelpText.Format(
                "ls [options] path",
                [OptionSpec.Flag("?", "help"), OptionSpec.Flag("s", "stat"), OptionSpec.Flag("w", "watch"), OptionSpec.Flag("R", "recurse")]));
}
