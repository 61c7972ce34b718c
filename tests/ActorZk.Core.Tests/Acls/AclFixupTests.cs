using System.Net;
using ActorZk.Core.Acl;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Acls;

using Acl = ActorZk.Protocol.Records.Acl;

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

    // Entries with a null scheme or id (length -1 on the wire), answered as 3.8.0 answers them (checked against it):
    // its NullPointerExceptions are MarshallingError, a null scheme on its own InvalidACL.
    public static TheoryData<string, ErrorCode> NullStringCases => new()
    {
        { "31 world null", ErrorCode.MarshallingError },
        { "31 digest null", ErrorCode.MarshallingError },
        { "31 ip null", ErrorCode.MarshallingError },
        { "31 auth null", ErrorCode.Ok },
        { "31 foo null", ErrorCode.InvalidAcl },
        { "31 null null", ErrorCode.InvalidAcl },
        { "31 world anyone|31 null x", ErrorCode.MarshallingError },
        { "31 world anyone|1 null x", ErrorCode.InvalidAcl },
        { "31 world anyone|31 world null", ErrorCode.MarshallingError },
        { "31 foo null|31 world anyone", ErrorCode.InvalidAcl },
        { "31 null x|1 world null", ErrorCode.InvalidAcl },
        { "31 auth x|3 digest null", ErrorCode.MarshallingError },
    };

    [Theory]
    [MemberData(nameof(NullStringCases))]
    public void Null_schemes_and_ids(string entries, ErrorCode expected)
    {
        var acl = entries.Split('|').Select(e =>
        {
            var parts = e.Split(' ');
            var id = new Id(parts[1] == "null" ? "" : parts[1], parts[2] == "null" ? "" : parts[2])
            {
                SchemeIsNull = parts[1] == "null",
                IdentityIsNull = parts[2] == "null",
            };
            return new Acl((Perms)int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), id);
        }).ToList();
        Assert.Equal(expected, AclFixup.Fixup(acl, [Alice], out _));
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
