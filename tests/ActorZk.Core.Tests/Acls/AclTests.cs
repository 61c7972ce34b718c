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

public class IpAuthTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.0/0", true)]
    [InlineData("10.0.0.0/32", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0.0/-1", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/x", false)]
    [InlineData("10.0.0.256", false)]
    [InlineData("10.0.0", false)]
    [InlineData("10.0.0.1.2", false)]
    [InlineData("10..0.1", false)]
    [InlineData("+10.0.0.1", true)]
    [InlineData("localhost", false)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1/64", true)]
    [InlineData("fe80::1/129", false)]
    [InlineData("1:2:3:4:5:6:7:8", true)]
    [InlineData("1:2:3:4:5:6:7", false)]
    [InlineData("1:2:3:4::5:6:7:8", false)]
    [InlineData("1::2::3", false)]
    [InlineData("12345::1", false)]
    [InlineData("g::1", false)]
    [InlineData("::ffff:1.2.3.4", false)]
    public void IsValid(string id, bool valid) => Assert.Equal(valid, IpAuth.IsValid(id));

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.2", "127.0.0.1", false)]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("11.1.2.3", "10.0.0.0/8", false)]
    [InlineData("192.168.1.77", "192.168.1.64/26", true)]
    [InlineData("192.168.1.128", "192.168.1.64/26", false)]
    [InlineData("1.2.3.4", "0.0.0.0/0", true)]
    [InlineData("0:0:0:0:0:0:0:1", "::1", true)]
    [InlineData("::1", "0:0:0:0:0:0:0:1", true)]
    [InlineData("fe80:0:0:0:1:2:3:4", "fe80::/16", true)]
    [InlineData("fe81:0:0:0:1:2:3:4", "fe80::/16", false)]
    [InlineData("127.0.0.1", "::1", false)]
    [InlineData("127.0.0.1", "127.0.0.1/33", false)]
    [InlineData("bogus", "127.0.0.1", false)]
    public void Matches(string id, string acl, bool expected) => Assert.Equal(expected, IpAuth.Matches(id, acl));

    [Fact]
    public void FormatAddress_is_java_style()
    {
        Assert.Equal("127.0.0.1", IpAuth.FormatAddress(IPAddress.Loopback));
        Assert.Equal("0:0:0:0:0:0:0:1", IpAuth.FormatAddress(IPAddress.IPv6Loopback));
        Assert.Equal("10.1.2.3", IpAuth.FormatAddress(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.Equal("fe80:0:0:0:0:0:0:a", IpAuth.FormatAddress(IPAddress.Parse("fe80::a")));
    }
}

public class AclEvaluatorTests
{
    private static readonly Id Alice = new("digest", DigestAuth.Generate("alice:pw"));

    [Fact]
    public void Null_or_empty_acl_allows_everything()
    {
        Assert.True(AclEvaluator.Check(null, Perms.Admin, []));
        Assert.True(AclEvaluator.Check([], Perms.Admin, []));
    }

    [Fact]
    public void World_anyone_grants_its_bits_only()
    {
        Assert.True(AclEvaluator.Check(Acl.OpenAclUnsafe, Perms.Write, []));
        Assert.True(AclEvaluator.Check(Acl.ReadAclUnsafe, Perms.Read, []));
        Assert.False(AclEvaluator.Check(Acl.ReadAclUnsafe, Perms.Write, []));
    }

    [Fact]
    public void Any_requested_bit_suffices()
    {
        Assert.True(AclEvaluator.Check(Acl.ReadAclUnsafe, Perms.Read | Perms.Admin, []));
        IReadOnlyList<Acl> adminOnly = [new(Perms.Admin, Id.AnyoneIdUnsafe)];
        Assert.True(AclEvaluator.Check(adminOnly, Perms.Read | Perms.Admin, []));
    }

    [Fact]
    public void Digest_needs_exact_identity()
    {
        IReadOnlyList<Acl> acl = [new(Perms.All, Alice)];
        Assert.True(AclEvaluator.Check(acl, Perms.Read, [new Id("ip", "127.0.0.1"), Alice]));
        Assert.False(AclEvaluator.Check(acl, Perms.Read, [new Id("digest", DigestAuth.Generate("alice:wrong"))]));
        Assert.False(AclEvaluator.Check(acl, Perms.Read, [new Id("ip", Alice.Identity)]));
    }

    [Fact]
    public void Ip_acl_matches_cidr()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read, new Id("ip", "10.0.0.0/8"))];
        Assert.True(AclEvaluator.Check(acl, Perms.Read, [new Id("ip", "10.20.30.40")]));
        Assert.False(AclEvaluator.Check(acl, Perms.Read, [new Id("ip", "11.20.30.40")]));
    }

    [Fact]
    public void Super_passes_everything()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read, Alice)];
        Assert.True(AclEvaluator.Check(acl, Perms.Admin, [new Id("super", string.Empty)]));
    }

    [Fact]
    public void Unknown_schemes_never_match()
    {
        IReadOnlyList<Acl> acl = [new(Perms.All, new Id("sasl", "bob"))];
        Assert.False(AclEvaluator.Check(acl, Perms.Read, [new Id("sasl", "bob")]));
        IReadOnlyList<Acl> world = [new(Perms.All, new Id("world", "someone"))];
        Assert.False(AclEvaluator.Check(world, Perms.Read, [new Id("world", "someone")]));
    }

    [Fact]
    public void User_names_as_whoami_reports_them()
    {
        Assert.Equal("alice", AclEvaluator.GetUserName(Alice));
        Assert.Equal("127.0.0.1", AclEvaluator.GetUserName(new Id("ip", "127.0.0.1")));
        Assert.Equal(string.Empty, AclEvaluator.GetUserName(new Id("super", string.Empty)));
    }
}

public class AclFixupTests
{
    private static readonly Id Alice = new("digest", DigestAuth.Generate("alice:pw"));
    private static readonly Id Bob = new("digest", DigestAuth.Generate("bob:pw"));
    private static readonly Id Ip = new("ip", "127.0.0.1");

    [Fact]
    public void Empty_or_null_is_invalid()
    {
        Assert.Equal(ErrorCode.InvalidAcl, AclFixup.Fixup(null, [], out _));
        Assert.Equal(ErrorCode.InvalidAcl, AclFixup.Fixup([], [], out _));
    }

    [Fact]
    public void Open_acl_is_kept_as_is()
    {
        Assert.Equal(ErrorCode.Ok, AclFixup.Fixup(Acl.OpenAclUnsafe, [], out var result));
        Assert.Same(Acl.OpenAclUnsafe, result);
    }

    [Fact]
    public void Duplicates_are_removed_keeping_order()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read, Alice), new(Perms.All, Id.AnyoneIdUnsafe), new(Perms.Read, Alice)];
        Assert.Equal(ErrorCode.Ok, AclFixup.Fixup(acl, [], out var result));
        Assert.Equal([new Acl(Perms.Read, Alice), new Acl(Perms.All, Id.AnyoneIdUnsafe)], result);
    }

    [Fact]
    public void Auth_expands_to_authenticated_digest_ids_only()
    {
        Assert.Equal(ErrorCode.Ok, AclFixup.Fixup(Acl.CreatorAllAcl, [Ip, Alice, new Id("super", string.Empty), Bob], out var result));
        Assert.Equal([new Acl(Perms.All, Alice), new Acl(Perms.All, Bob)], result);
    }

    [Fact]
    public void Auth_without_authenticated_id_is_invalid()
    {
        Assert.Equal(ErrorCode.InvalidAcl, AclFixup.Fixup(Acl.CreatorAllAcl, [Ip], out _));
        Assert.Equal(ErrorCode.InvalidAcl, AclFixup.Fixup(Acl.CreatorAllAcl, [new Id("super", string.Empty)], out _));
    }

    [Theory]
    [InlineData("ip", "10.0.0.0/8", true)]
    [InlineData("ip", "10.0.0.0/40", false)]
    [InlineData("ip", "host", false)]
    [InlineData("digest", "a:b", true)]
    [InlineData("digest", "ab", false)]
    [InlineData("world", "someone", false)]
    [InlineData("super", "", false)]
    [InlineData("sasl", "bob", false)]
    [InlineData("", "x", false)]
    public void Scheme_validation(string scheme, string id, bool valid)
    {
        IReadOnlyList<Acl> acl = [new(Perms.All, new Id(scheme, id))];
        Assert.Equal(valid ? ErrorCode.Ok : ErrorCode.InvalidAcl, AclFixup.Fixup(acl, [Alice], out _));
    }
}
