using ActorZk.Protocol;
namespace ActorZk.Client.Tests.Unit;

public sealed class PathValidatorTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b-c_d.e")]
    [InlineData("/a/...")]
    [InlineData("/a/.b")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/ünïcödé")]
    public void Accepts_valid_paths(string path) => Assert.Null(ZnodePaths.GetError(path));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("/a/")]
    [InlineData("//")]
    [InlineData("/a//b")]
    [InlineData("/.")]
    [InlineData("/a/./b")]
    [InlineData("/a/..")]
    [InlineData("/../a")]
    [InlineData("/a\0b")]
    [InlineData("/a\u0001")]
    [InlineData("/a\u007f")]
    [InlineData("/a\ud800")]
    [InlineData("/a\ufff5")]
    public void Rejects_invalid_paths(string path)
    {
        Assert.NotNull(ZnodePaths.GetError(path));
        Assert.Throws<ArgumentException>(() => PathValidator.Validate(path));
    }

    [Fact]
    public void Sequential_paths_may_end_with_a_slash()
    {
        PathValidator.Validate("/a/", isSequential: true);
        Assert.Throws<ArgumentException>(() => PathValidator.Validate("/a/", isSequential: false));
        Assert.Throws<ArgumentException>(() => PathValidator.Validate("/a//", isSequential: true));
    }

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => PathValidator.Validate(null!));
}
