using ActorZk.Cli.Parsing;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Tests.Parsing;

public sealed class AclParserTests
{
    [Fact]
    public void Parses_several_entries_with_colons_in_the_id()
    {
        var (acl, warnings) = AclParser.Parse("world:anyone:cdrwa,digest:u:kOm6rXX2LKMwFuq7hY5vxVHq4sc=:r,ip:::1:rw");
        Assert.Empty(warnings);
        Assert.Equal(
            [
                new Acl(Perms.All, new Id("world", "anyone")),
                new Acl(Perms.Read, new Id("digest", "u:kOm6rXX2LKMwFuq7hY5vxVHq4sc=")),
                new Acl(Perms.Read | Perms.Write, new Id("ip", "::1")),
            ],
            acl);
    }

    [Fact]
    public void Reports_and_skips_malformed_entries_and_unknown_letters()
    {
        var (acl, warnings) = AclParser.Parse("bogus,ip:10.0.0.1:r,world:anyone:z");
        Assert.Equal(["bogus does not have the form scheme:id:perm", "Unknown perm type: z"], warnings);
        Assert.Equal([new Acl(Perms.Read, new Id("ip", "10.0.0.1")), new Acl(Perms.None, new Id("world", "anyone"))], acl);
    }

    [Fact]
    public void Splits_as_Java_trailing_empty_entries_dropped_leading_ones_kept()
    {
        var (acl, warnings) = AclParser.Parse(",world:anyone:r,,");
        Assert.Equal([" does not have the form scheme:id:perm"], warnings);
        Assert.Single(acl);
    }
}
