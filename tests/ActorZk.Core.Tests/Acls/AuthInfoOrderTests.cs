using ActorZk.Protocol;
using ActorZk.Core.Acl;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Acls;

// ZooKeeper 3.8.0 ServerCnxn keeps a connection's identities in Collections.newSetFromMap(new ConcurrentHashMap<>()),
// so whoAmI (AuthUtil.getClientInfos) and fixupACL's auth expansion list them in that map's order, not in order of
// addition. Found by tests/interop/diff: whoAmI after addauth digest bob:pw answers [digest bob, ip 127.0.0.1].
public class AuthInfoOrderTests
{
    private static readonly Id Ip = new("ip", "127.0.0.1");
    private static readonly Id Alice = new("digest", DigestAuth.Generate("alice:pw"));
    private static readonly Id Bob = new("digest", DigestAuth.Generate("bob:pw"));

    [Fact]
    public void Java_hash_codes()
    {
        // What a JVM answers: "hello".hashCode(), "ip".hashCode(), "127.0.0.1".hashCode() (it overflows), and
        // new Id("ip", "127.0.0.1").hashCode() = 37 * (37 * 17 + 3367) + 1505998205.
        Assert.Equal(99162322, JavaHash.Of("hello"));
        Assert.Equal(0, JavaHash.Of(string.Empty));
        Assert.Equal(3367, JavaHash.Of("ip"));
        Assert.Equal(1505998205, JavaHash.Of("127.0.0.1"));
        Assert.Equal(1506146057, AuthInfoOrder.JavaHashCode(Ip));
    }

    [Fact]
    public void Identities_are_listed_by_bucket_of_their_java_hash()
    {
        // Buckets in a 16-entry table: ip 127.0.0.1 -> 12, digest bob -> 0, digest alice -> 13.
        List<Id> bob = [Ip];
        Assert.True(AuthInfoOrder.Add(bob, Bob));
        Assert.Equal([Bob, Ip], bob);

        List<Id> alice = [Ip];
        Assert.True(AuthInfoOrder.Add(alice, Alice));
        Assert.False(AuthInfoOrder.Add(alice, Alice));
        Assert.True(AuthInfoOrder.Add(alice, Bob));
        Assert.Equal([Bob, Ip, Alice], alice);
    }
}
