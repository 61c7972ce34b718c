using System.Security.Cryptography;
using System.Text;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Tests.EndToEnd;

public sealed class AuthAclTests(ServerFixture server) : ClientTestBase(server)
{
    private static byte[] Credentials(string user) => Encoding.UTF8.GetBytes($"{user}:secret-{user}");

    // ZooKeeper's digest identity: user:base64(sha1(user:password)).
    private static Id DigestId(string user)
        => new("digest", $"{user}:{Convert.ToBase64String(SHA1.HashData(Credentials(user)))}");

    [ZooKeeperFact]
    public async Task Creator_acl_restricts_the_node_to_the_authenticated_identity()
    {
        var alice = await ConnectAsync();
        await alice.AddAuthAsync("digest", Credentials("alice"));
        var path = P("private");
        await alice.CreateAsync(path, "s"u8.ToArray(), Acl.CreatorAllAcl);

        var (acl, _) = await alice.GetAclAsync(path);
        Assert.Equal([new Acl(Perms.All, DigestId("alice"))], acl);
        Assert.Equal(new byte[] { (byte)'s' }, (await alice.GetDataAsync(path)).Data);

        var anonymous = await ConnectAsync();
        var denied = await Assert.ThrowsAsync<NoAuthException>(() => anonymous.GetDataAsync(path));
        Assert.Equal(path, denied.Path);
        await Assert.ThrowsAsync<NoAuthException>(() => anonymous.SetDataAsync(path, []));

        var bob = await ConnectAsync();
        await bob.AddAuthAsync("digest", Credentials("bob"));
        await Assert.ThrowsAsync<NoAuthException>(() => bob.GetDataAsync(path));
        await bob.AddAuthAsync("digest", Credentials("alice"));
        Assert.NotNull((await bob.GetDataAsync(path)).Data);

        var identities = await bob.WhoAmIAsync();
        Assert.Contains(identities, i => i.AuthScheme == "digest" && i.User == "alice");
        Assert.Contains(identities, i => i.AuthScheme == "digest" && i.User == "bob");
    }

    [ZooKeeperFact]
    public async Task Set_acl_checks_the_acl_version()
    {
        var path = P("acl");
        await Zk.CreateAsync(path, [], Open);
        var readOnly = new List<Acl> { new(Perms.Read | Perms.Admin, Id.AnyoneIdUnsafe) };

        var stat = await Zk.SetAclAsync(path, readOnly, version: 0);
        Assert.Equal(1, stat.Aversion);
        await Assert.ThrowsAsync<BadVersionException>(() => Zk.SetAclAsync(path, Open, version: 0));
        await Assert.ThrowsAsync<NoAuthException>(() => Zk.SetDataAsync(path, [1]));
        var (acl, aclStat) = await Zk.GetAclAsync(path);
        Assert.Equal(readOnly, acl);
        Assert.Equal(1, aclStat.Aversion);

        await Assert.ThrowsAsync<InvalidAclException>(() => Zk.SetAclAsync(path, []));
        await Assert.ThrowsAsync<InvalidAclException>(() => Zk.CreateAsync(P("bad-acl"), [], [new Acl(Perms.All, new Id("nosuchscheme", "x"))]));
    }

    [ZooKeeperFact]
    public async Task Auth_is_re_sent_after_a_reconnection()
    {
        var client = await ConnectAsync();
        var states = new StateRecorder(client);
        await client.AddAuthAsync("digest", Credentials("carol"));
        var path = P("carol");
        await client.CreateAsync(path, [], Acl.CreatorAllAcl);

        client.DropConnectionForTesting();
        await states.WaitForAsync(ConnectionState.Disconnected);
        await states.WaitForAsync(ConnectionState.Connected);

        // Readable again only because the digest identity was restored on the new connection.
        Assert.Equal(0, (await client.GetDataAsync(path)).Stat.Version);
        Assert.Contains(await client.WhoAmIAsync(), i => i.User == "carol");
    }

    [ZooKeeperFact]
    public async Task Unknown_auth_scheme_fails_the_client()
    {
        var client = await ConnectAsync();
        var states = new StateRecorder(client);
        var failed = await Assert.ThrowsAsync<AuthFailedException>(() => client.AddAuthAsync("nosuchscheme", [1, 2, 3]));
        Assert.Equal(ErrorCode.AuthFailed, failed.ErrorCode);
        await states.WaitForAsync(ConnectionState.AuthFailed);
        Assert.Equal(ConnectionState.AuthFailed, client.State);
        await Assert.ThrowsAsync<AuthFailedException>(() => client.ExistsAsync("/"));
    }
}
