using ActorZk.Protocol;
using CsCheck;

namespace ActorZk.Client.Tests.Unit;

public sealed class ChrootTests
{
    private static readonly Gen<string> Paths =
        Gen.String[Gen.Char["abcxyz019-_."], 1, 6].Where(s => s != "." && s != "..").Array[0, 5]
            .Select(segments => "/" + string.Join('/', segments));

    [Fact]
    public void No_chroot_leaves_paths_unchanged()
    {
        Assert.Same(Chroot.None, Chroot.Of(null));
        Assert.Same(Chroot.None, Chroot.Of("/"));
        Assert.Equal("/a/b", Chroot.None.Prepend("/a/b"));
        Assert.Equal("/a/b", Chroot.None.Strip("/a/b"));
        Assert.True(Chroot.None.Contains("/anything"));
    }

    [Theory]
    [InlineData("/", "/app")]
    [InlineData("/x", "/app/x")]
    [InlineData("/x/y", "/app/x/y")]
    public void Prepends_the_chroot(string clientPath, string serverPath)
    {
        var chroot = Chroot.Of("/app");
        Assert.Equal(serverPath, chroot.Prepend(clientPath));
        Assert.Equal(clientPath, chroot.Strip(serverPath));
    }

    [Theory]
    [InlineData("/app", true)]
    [InlineData("/app/x", true)]
    [InlineData("/apple", false)]
    [InlineData("/ap", false)]
    [InlineData("/", false)]
    public void Contains_only_the_chroot_and_below(string serverPath, bool contained)
        => Assert.Equal(contained, Chroot.Of("/app").Contains(serverPath));

    [Fact]
    public void Strip_leaves_a_path_outside_the_chroot_unchanged()
        => Assert.Equal("/apple/x", Chroot.Of("/app").Strip("/apple/x"));

    [Fact]
    public void Strip_inverts_prepend_for_any_path_and_chroot()
    {
        Gen.Select(Paths.Where(p => p.Length > 1), Paths).Sample((root, path) =>
        {
            var chroot = Chroot.Of(root);
            var server = chroot.Prepend(path);
            return chroot.Contains(server) && chroot.Strip(server) == path && ZnodePaths.GetError(server) is null;
        });
    }
}
