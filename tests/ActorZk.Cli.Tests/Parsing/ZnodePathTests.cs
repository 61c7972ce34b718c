using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Tests.Parsing;

public sealed class ZnodePathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b.c")]
    [InlineData("/a/..b")]
    public void Accepts_valid_paths(string path) => Assert.Null(ZnodePath.Validate(path));

    [Theory]
    [InlineData("", "Path length must be > 0")]
    [InlineData("nope", "Path must start with / character")]
    [InlineData("/a/", "Path must not end with / character")]
    [InlineData("/a//b", "Invalid path string \"/a//b\" caused by empty node name specified @3")]
    [InlineData("/a/./b", "Invalid path string \"/a/./b\" caused by relative paths not allowed @3")]
    [InlineData("/a/..", "Invalid path string \"/a/..\" caused by relative paths not allowed @4")]
    [InlineData("/a\u0001", "Invalid path string \"/a\u0001\" caused by invalid character @2")]
    public void Rejects_with_zookeepers_messages(string path, string message) => Assert.Equal(message, ZnodePath.Validate(path));

    [Fact]
    public void A_sequential_prefix_may_end_with_a_slash() => Assert.Null(ZnodePath.Validate("/a/", isSequential: true));

    [Theory]
    [InlineData("/", "a", "/a")]
    [InlineData("/a", "b", "/a/b")]
    public void Joins_children(string parent, string child, string path) => Assert.Equal(path, ZnodePath.Child(parent, child));
}
