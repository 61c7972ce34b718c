using ActorZk.Core.Sessions;
using ActorZk.Protocol;

namespace ActorZk.Core.Tests.Sessions;

public class SessionPasswordTests
{
    [Fact]
    public void Password_is_java_random_seeded_with_id_xor_secret()
    {
        // new java.util.Random(42): nextInt() = -1170105035 (0xBA419D35), then 234785527 (0x0DFE8AF7);
        // nextBytes takes each int's bytes low byte first.
        var password = SessionPasswords.Generate(42 ^ SessionPasswords.DefaultSecret);
        Assert.Equal(new byte[] { 0x35, 0x9D, 0x41, 0xBA, 0xF7, 0x8A, 0xFE, 0x0D }, password[..8]);
        Assert.Equal(16, password.Length);
    }

    [Fact]
    public void Check_validates_and_refuses_session_zero()
    {
        var password = SessionPasswords.Generate(0x1234);
        Assert.True(SessionPasswords.Check(0x1234, password));
        Assert.False(SessionPasswords.Check(0x1235, password));
        Assert.False(SessionPasswords.Check(0, SessionPasswords.Generate(0)));
        Assert.NotEqual(password, SessionPasswords.Generate(0x1234, secret: 7));
    }
}
