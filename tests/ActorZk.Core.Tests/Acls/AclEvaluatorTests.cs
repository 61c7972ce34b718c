using System.Net;
using ActorZk.Core.Acl;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Acls;

using Acl = ActorZk.Protocol.Records.Acl;

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
