using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Tests.Parsing;

public sealed class CommandLineTokenizerTests
{
    [Theory]
    [InlineData("ls /", new[] { "ls", "/" })]
    [InlineData("  ls   /a  ", new[] { "ls", "/a" })]
    [InlineData("set /test \"freebsd journal\"", new[] { "set", "/test", "freebsd journal" })]
    [InlineData("create /q 'single quoted'", new[] { "create", "/q", "single quoted" })]
    [InlineData("create /q \"\"", new[] { "create", "/q", "" })]
    [InlineData("create /q3 \"a\"b c", new[] { "create", "/q3", "a", "b", "c" })]
    [InlineData("create /q4 a\"b c\"", new[] { "create", "/q4", "a\"b", "c\"" })]
    [InlineData("create /q5 \"unterminated", new[] { "create", "/q5", "unterminated" })]
    [InlineData("set /a \"it's\"", new[] { "set", "/a", "it's" })]
    [InlineData("set\t/a\tx", new[] { "set", "/a", "x" })]
    public void Splits_as_zkCli(string line, string[] expected)
        => Assert.Equal(expected, CommandLineTokenizer.Tokenize(line));

    [Theory]
    [InlineData("   ", " ")]
    [InlineData(" ", " ")]
    [InlineData("\t", "\t")]
    public void A_blank_line_is_one_blank_word_as_in_zkCli(string line, string word)
        => Assert.Equal([word], CommandLineTokenizer.Tokenize(line));

    [Fact]
    public void A_lone_quote_has_no_words()
        => Assert.Empty(CommandLineTokenizer.Tokenize("\""));

    [Fact]
    public void Unicode_blanks_are_not_separators_as_in_Java()
        => Assert.Equal(["a\u00a0b"], CommandLineTokenizer.Tokenize("a\u00a0b"));
}
