using ActorZk.Core.Tree;

namespace ActorZk.Core.Tests.Tree;

public class PathUtilsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b/c")]
    [InlineData("/a.b")]
    [InlineData("/...")]
    [InlineData("/a/..b")]
    [InlineData("/.a")]
    [InlineData("/a/b.")]
    [InlineData("/zookeeper")]
    [InlineData("/\u00e9t\u00e9")]
    [InlineData("/a b")]
    public void Accepts_valid_paths(string path)
    {
        Assert.Null(PathUtils.GetError(path));
        PathUtils.Validate(path);
    }

    [Theory]
    [InlineData("", "Path length must be > 0")]
    [InlineData("a", "Path must start with / character")]
    [InlineData("/a/", "Path must not end with / character")]
    [InlineData("//a", "Invalid path string \"//a\" caused by empty node name specified @1")]
    [InlineData("/a//b", "Invalid path string \"/a//b\" caused by empty node name specified @3")]
    [InlineData("/.", "Invalid path string \"/.\" caused by relative paths not allowed @1")]
    [InlineData("/..", "Invalid path string \"/..\" caused by relative paths not allowed @2")]
    [InlineData("/a/./b", "Invalid path string \"/a/./b\" caused by relative paths not allowed @3")]
    [InlineData("/a/../b", "Invalid path string \"/a/../b\" caused by relative paths not allowed @4")]
    [InlineData("/a\u0000b", "Invalid path string \"/a\u0000b\" caused by null character not allowed @2")]
    [InlineData("/a\u0001", "Invalid path string \"/a\u0001\" caused by invalid character @2")]
    [InlineData("/\u007f", "Invalid path string \"/\u007f\" caused by invalid character @1")]
    [InlineData("/\u009f", "Invalid path string \"/\u009f\" caused by invalid character @1")]
    [InlineData("/\ud800", "Invalid path string \"/\ud800\" caused by invalid character @1")]
    [InlineData("/\uf8ff", "Invalid path string \"/\uf8ff\" caused by invalid character @1")]
    [InlineData("/\ufff0", "Invalid path string \"/\ufff0\" caused by invalid character @1")]
    [InlineData("/\uffff", "Invalid path string \"/\uffff\" caused by invalid character @1")]
    public void Rejects_with_zookeeper_reason(string path, string reason)
    {
        Assert.Equal(reason, PathUtils.GetError(path));
        var ex = Assert.Throws<InvalidPathException>(() => PathUtils.Validate(path));
        Assert.Equal(reason, ex.Message);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Fact]
    public void Null_path_is_rejected()
    {
        Assert.Equal("Path cannot be null", PathUtils.GetError(null));
        Assert.Throws<InvalidPathException>(() => PathUtils.Validate(null));
    }

    [Fact]
    public void Supplementary_characters_are_invalid_because_surrogates_are()
        => Assert.NotNull(PathUtils.GetError("/\U0001F600"));

    [Fact]
    public void Sequential_prefix_is_validated_with_a_digit_appended()
    {
        // A sequential create may end with '/': the server appends the counter.
        Assert.Null(PathUtils.GetError("/a/", isSequential: true));
        Assert.Equal("Path must not end with / character", PathUtils.GetError("/a/"));
        Assert.Equal("Invalid path string \"/a//1\" caused by empty node name specified @3", PathUtils.GetError("/a//", isSequential: true));
        Assert.Null(PathUtils.GetError("/.", isSequential: true));
        Assert.Null(PathUtils.GetError(string.Empty, isSequential: false) is null ? "x" : null);
        Assert.Equal("Path must start with / character", PathUtils.GetError(string.Empty, isSequential: true));
    }

    [Fact]
    public void Parent_follows_the_tree_convention()
    {
        Assert.Equal(string.Empty, PathUtils.ParentOf("/a"));
        Assert.Equal("/a", PathUtils.ParentOf("/a/b"));
        Assert.Null(PathUtils.ParentOf("a"));
    }
}
