using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Tests.Parsing;

public sealed class JavaTextTests
{
    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("a,,b,,", new[] { "a", "", "b" })]
    [InlineData("", new[] { "" })]
    [InlineData(",,,", new string[0])]
    public void Splits_as_String_split(string text, string[] parts) => Assert.Equal(parts, JavaText.Split(text, ','));

    [Theory]
    [InlineData("12", true, 12)]
    [InlineData("-1", true, -1)]
    [InlineData("+7", true, 7)]
    [InlineData("2147483648", false, 0)]
    [InlineData("0x1", false, 0)]
    [InlineData(" 1", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("-", false, 0)]
    public void Parses_ints_as_Integer_parseInt(string text, bool ok, int value)
    {
        Assert.Equal(ok, JavaText.TryParseInt(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("10", true, 10)]
    [InlineData("0x10", true, 16)]
    [InlineData("#10", true, 16)]
    [InlineData("010", true, 8)]
    [InlineData("0", true, 0)]
    [InlineData("-0x10", true, -16)]
    [InlineData("-2147483648", true, int.MinValue)]
    [InlineData("2147483648", false, 0)]
    [InlineData("09", false, 0)]
    [InlineData("abc", false, 0)]
    [InlineData("0x", false, 0)]
    [InlineData("--1", false, 0)]
    public void Decodes_as_Integer_decode(string text, bool ok, int value)
    {
        Assert.Equal(ok, JavaText.TryDecodeInt(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void Formats_NumberFormatException_as_Java()
        => Assert.Equal("java.lang.NumberFormatException: For input string: \"abc\"", JavaText.NumberFormatError("abc"));
}
