using ActorZk.Cli.Formatting;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Tests.Formatting;

public sealed class AclTextTests
{
    [Fact]
    public void Prints_the_jute_record_then_the_perms()
        => Assert.Equal("'world,'anyone\n: cdrwa", AclText.Format(new Acl(Perms.All, Id.AnyoneIdUnsafe)));

    [Theory]
    [InlineData(Perms.Read, "r")]
    [InlineData(Perms.Read | Perms.Admin, "ra")]
    [InlineData(Perms.Create | Perms.Write, "cw")]
    [InlineData(Perms.None, "")]
    public void Orders_perms_as_zookeeper(Perms perms, string text) => Assert.Equal(text, AclText.Perms(perms));

    [Fact]
    public void Escapes_the_characters_jute_escapes()
        => Assert.Equal("'digest,'a%2Cb%7D%25%0A\n: r", AclText.Format(new Acl(Perms.Read, new Id("digest", "a,b}%\n"))));
}
