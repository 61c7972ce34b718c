using System.Net;
using ActorZk.Core.Acl;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Acls;

using Acl = ActorZk.Protocol.Records.Acl;

public class DigestAuthTests
{
    [Fact]
    public void Generate_matches_zookeeper()
    {
        // Values from the ZooKeeper documentation.
        Assert.Equal("super:D/InIHSb7yEEbrWz8b9l71RjZJU=", DigestAuth.Generate("super:test"));
        Assert.Equal("user:tpUq/4Pn5A64fVZyQ0gOJ8ZWqkY=", DigestAuth.Generate("user:password"));
    }

    [Fact]
    public void Generate_without_colon_uses_whole_string_as_user()
        => Assert.StartsWith("nocolon:", DigestAuth.Generate("nocolon"), StringComparison.Ordinal);

    [Theory]
    [InlineData("a:b", true)]
    [InlineData("a:b:", true)]
    [InlineData(":b", true)]
    [InlineData("a:", false)]
    [InlineData("a", false)]
    [InlineData("", false)]
    [InlineData(":", false)]
    [InlineData("a:b:c", false)]
    [InlineData("a::", false)]
    public void IsValid_follows_java_split(string id, bool valid) => Assert.Equal(valid, DigestAuth.IsValid(id));

    [Fact]
    public void Authenticate_adds_super_first_when_digest_matches()
    {
        var superDigest = DigestAuth.Generate("super:test");
        var ids = DigestAuth.Authenticate("super:test"u8, superDigest);
        Assert.Equal([new Id("super", string.Empty), new Id("digest", superDigest)], ids);
        Assert.Equal([new Id("digest", DigestAuth.Generate("bob:x"))], DigestAuth.Authenticate("bob:x"u8, superDigest));
        Assert.Single(DigestAuth.Authenticate("super:test"u8, null));
    }
}
