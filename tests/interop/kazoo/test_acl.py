"""ACLs: world, digest, auth, ip schemes, permission bits, getACL/setACL.

The per-test cleanup client authenticates as every digest user in
helpers.TEST_DIGEST_USERS, so restrictive digest ACLs can still be removed.
"""
import base64
import hashlib

import pytest
from kazoo.exceptions import (
    BadVersionError,
    InvalidACLError,
    NoAuthError,
    NoNodeError,
)
from kazoo.security import (
    ACL,
    CREATOR_ALL_ACL,
    OPEN_ACL_UNSAFE,
    READ_ACL_UNSAFE,
    Id,
    Permissions,
    make_acl,
    make_digest_acl,
    make_digest_acl_credential,
)

import zkraw
from helpers import HOSTS, TEST_DIGEST_USERS

ALL = Permissions.ALL          # 31
READ, WRITE, CREATE, DELETE, ADMIN = 1, 2, 4, 8, 16


def test_cleanup_users_cover_this_module():
    used = {"alice:secret", "bob:pw", "carol:pw", "dave:pw"}
    assert used <= set(TEST_DIGEST_USERS)


def test_permission_constants():
    assert (Permissions.READ, Permissions.WRITE, Permissions.CREATE,
            Permissions.DELETE, Permissions.ADMIN, Permissions.ALL) == \
        (1, 2, 4, 8, 16, 31)


def test_default_acl_is_world_anyone_all(zk, root):
    zk.create(root + "/w")
    acls, stat = zk.get_acls(root + "/w")
    assert acls == [ACL(31, Id("world", "anyone"))]
    assert stat == zk.exists(root + "/w")


def digest_id(user, password):
    """digest id = user:base64(sha1("user:password"))"""
    raw = hashlib.sha1(("%s:%s" % (user, password)).encode()).digest()
    return "%s:%s" % (user, base64.b64encode(raw).decode())


def test_digest_hash_format(zk, root):
    assert digest_id("alice", "secret") == "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="
    assert make_digest_acl_credential("alice", "secret") == digest_id("alice", "secret")
    # the server stores the id verbatim
    zk.add_auth("digest", "alice:secret")
    zk.create(root + "/h", acl=[make_digest_acl("alice", "secret", all=True)])
    assert zk.get_acls(root + "/h")[0] == [
        ACL(31, Id("digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="))]


def test_digest_acl(make_client, root):
    owner = make_client()
    owner.add_auth("digest", "alice:secret")
    acl = [make_digest_acl("alice", "secret", all=True)]
    owner.create(root + "/d", b"private", acl=acl)
    owner.create(root + "/d/child", b"c", acl=acl)
    assert owner.get(root + "/d")[0] == b"private"

    stranger = make_client()
    # exists() is never ACL-checked
    assert stranger.exists(root + "/d").numChildren == 1
    with pytest.raises(NoAuthError):
        stranger.get(root + "/d")
    with pytest.raises(NoAuthError):
        stranger.get_children(root + "/d")
    with pytest.raises(NoAuthError):
        stranger.set(root + "/d", b"x")
    with pytest.raises(NoAuthError):
        stranger.create(root + "/d/other")
    with pytest.raises(NoAuthError):
        stranger.delete(root + "/d/child")
    with pytest.raises(NoAuthError):
        stranger.set_acls(root + "/d", OPEN_ACL_UNSAFE)

    # wrong password: add_auth succeeds (digest auth never fails, it just
    # adds the identity "alice:<hash of wrong password>") but grants nothing
    wrong = make_client()
    wrong.add_auth("digest", "alice:wrong")
    with pytest.raises(NoAuthError):
        wrong.get(root + "/d")

    friend = make_client()
    friend.add_auth("digest", "alice:secret")
    assert friend.get(root + "/d")[0] == b"private"
    friend.set(root + "/d", b"changed")
    assert owner.get(root + "/d")[0] == b"changed"


def test_get_acl_masks_digest_without_admin(make_client, root):
    owner = make_client()
    owner.add_auth("digest", "bob:pw")
    acl = [make_digest_acl("bob", "pw", all=True), ACL(READ, Id("world", "anyone"))]
    owner.create(root + "/m", acl=acl)
    full = make_digest_acl_credential("bob", "pw")

    acls, _ = owner.get_acls(root + "/m")
    assert acls == [ACL(31, Id("digest", full)), ACL(1, Id("world", "anyone"))]

    # a reader without ADMIN sees the digest id masked as "user:x"
    # (ZOOKEEPER-1392; getACL needs READ or ADMIN)
    reader = make_client()
    acls, _ = reader.get_acls(root + "/m")
    assert acls == [ACL(31, Id("digest", "bob:x")), ACL(1, Id("world", "anyone"))]

    # no READ and no ADMIN at all -> NoAuth on getACL
    owner.create(root + "/hidden", acl=[make_digest_acl("bob", "pw", all=True)])
    with pytest.raises(NoAuthError):
        reader.get_acls(root + "/hidden")


def test_auth_scheme_and_creator_all_acl(make_client, root):
    anon = make_client()
    # "auth" needs at least one authenticated (non-ip) identity on the
    # session, otherwise the ACL is invalid
    with pytest.raises(InvalidACLError):
        anon.create(root + "/a", acl=CREATOR_ALL_ACL)
    assert anon.exists(root + "/a") is None

    c = make_client()
    c.add_auth("digest", "carol:pw")
    c.create(root + "/a", acl=CREATOR_ALL_ACL)
    # the server rewrites auth:"" into the creator's concrete identities
    acls, _ = c.get_acls(root + "/a")
    assert acls == [ACL(31, Id("digest", make_digest_acl_credential("carol", "pw")))]
    with pytest.raises(NoAuthError):
        anon.get(root + "/a")

    # auth scheme with two digest identities -> one entry per identity; the
    # id given with "auth" is ignored
    c.add_auth("digest", "dave:pw")
    c.create(root + "/b", acl=[ACL(READ | WRITE | ADMIN, Id("auth", "ignored"))])
    acls, _ = c.get_acls(root + "/b")
    assert sorted(acls) == sorted([
        ACL(19, Id("digest", digest_id("carol", "pw"))),
        ACL(19, Id("digest", digest_id("dave", "pw"))),
    ])
    # without ADMIN the creator itself only sees masked digest ids
    c.create(root + "/c", acl=[ACL(READ | WRITE, Id("auth", ""))])
    acls, _ = c.get_acls(root + "/c")
    assert sorted(acls) == sorted([ACL(3, Id("digest", "carol:x")),
                                   ACL(3, Id("digest", "dave:x"))])


def test_ip_acl(zk, root):
    zk.create(root + "/ip", b"v", acl=[make_acl("ip", "127.0.0.1", read=True)])
    assert zk.get(root + "/ip")[0] == b"v"
    with pytest.raises(NoAuthError):
        zk.set(root + "/ip", b"w")
    zk.create(root + "/net", b"v", acl=[make_acl("ip", "127.0.0.0/8", all=True)])
    zk.set(root + "/net", b"w")
    zk.create(root + "/other", b"v", acl=[make_acl("ip", "10.1.2.3", all=True)])
    with pytest.raises(NoAuthError):
        zk.get(root + "/other")
    assert zk.get_acls(root + "/ip")[0] == [ACL(1, Id("ip", "127.0.0.1"))]


@pytest.mark.parametrize("missing", ["READ", "WRITE", "CREATE", "DELETE", "ADMIN"])
def test_permission_bits(zk, root, missing):
    perms = ALL & ~getattr(Permissions, missing)
    node = root + "/p"
    zk.create(node, b"data")
    zk.create(node + "/kid")
    zk.set_acls(node, [ACL(perms, Id("world", "anyone"))])

    def expect(op_name, fn):
        if op_name == missing:
            with pytest.raises(NoAuthError):
                fn()
        else:
            fn()

    expect("READ", lambda: zk.get(node))
    expect("READ", lambda: zk.get_children(node))
    expect("WRITE", lambda: zk.set(node, b"new"))
    expect("CREATE", lambda: zk.create(node + "/new"))
    expect("DELETE", lambda: zk.delete(node + "/kid"))
    # getACL needs READ *or* ADMIN, so it works in every variant here
    zk.get_acls(node)
    expect("ADMIN", lambda: zk.set_acls(node, [ACL(perms, Id("world", "anyone"))]))
    # exists() and sync() are never ACL-checked
    assert zk.exists(node) is not None
    zk.sync(node)
    if missing != "ADMIN":
        zk.set_acls(node, OPEN_ACL_UNSAFE)
    zk.delete(node, recursive=True)
    assert zk.exists(node) is None


def test_node_without_any_permission(zk, root):
    # permission bits are not validated: 0 (and even bits > 31) are stored
    node = root + "/none"
    zk.create(node, b"x", acl=[ACL(0, Id("world", "anyone"))])
    for fn in (lambda: zk.get(node), lambda: zk.get_children(node),
               lambda: zk.set(node, b"y"), lambda: zk.get_acls(node),
               lambda: zk.create(node + "/c"),
               lambda: zk.set_acls(node, OPEN_ACL_UNSAFE)):
        with pytest.raises(NoAuthError):
            fn()
    assert zk.exists(node).dataLength == 1
    # ... but it can still be deleted: that needs DELETE on the parent
    zk.delete(node)
    assert zk.exists(node) is None


def test_read_only_acl(zk, root):
    zk.create(root + "/ro", b"r", acl=READ_ACL_UNSAFE)
    assert zk.get(root + "/ro")[0] == b"r"
    with pytest.raises(NoAuthError):
        zk.set(root + "/ro", b"x")
    with pytest.raises(NoAuthError):
        zk.set_acls(root + "/ro", OPEN_ACL_UNSAFE)


def test_set_acl_versions(zk, root):
    node = root + "/v"
    _, created = zk.create(node, b"d", include_data=True)
    stat = zk.set_acls(node, READ_ACL_UNSAFE + [ACL(ADMIN, Id("world", "anyone"))],
                       version=0)
    assert stat.aversion == 1
    # setACL touches neither data version nor mzxid
    assert stat.version == 0
    assert stat.mzxid == created.mzxid
    assert stat.pzxid == created.pzxid
    with pytest.raises(BadVersionError):
        zk.set_acls(node, OPEN_ACL_UNSAFE, version=0)
    stat = zk.set_acls(node, OPEN_ACL_UNSAFE, version=1)
    assert stat.aversion == 2
    stat = zk.set_acls(node, OPEN_ACL_UNSAFE, version=-1)
    assert stat.aversion == 3
    acls, stat2 = zk.get_acls(node)
    assert acls == OPEN_ACL_UNSAFE
    assert stat2.aversion == 3
    with pytest.raises(NoNodeError):
        zk.set_acls(root + "/missing", OPEN_ACL_UNSAFE)
    with pytest.raises(NoNodeError):
        zk.get_acls(root + "/missing")


def test_invalid_acls(zk, root):
    bad = [
        # (kazoo replaces an empty list by its default ACL; see raw test below)
        [ACL(31, Id("world", "someone"))],         # world only knows anyone
        [ACL(31, Id("nosuchscheme", "x"))],        # unknown scheme
        [ACL(31, Id("ip", "not-an-ip"))],          # malformed ip
        [ACL(31, Id("digest", "no-colon"))],       # digest id must be user:hash
        [ACL(31, Id("digest", "a:b:c"))],          # ... exactly one colon
        [ACL(31, Id("ip", "127.0.0.1/33"))],       # bad prefix length
        [ACL(31, Id("super", "x"))],               # no such server provider
    ]
    for acl in bad:
        with pytest.raises(InvalidACLError):
            zk.create(root + "/bad", acl=acl)
        assert zk.exists(root + "/bad") is None
    zk.create(root + "/good")
    with pytest.raises(InvalidACLError):
        zk.set_acls(root + "/good", [])
    with zkraw.RawZk(HOSTS) as raw:
        body = (zkraw.enc_string(root + "/bad") + zkraw.enc_buffer(b"")
                + zkraw.enc_acl([]) + zkraw.enc_int(0))
        hdr, _ = raw.call(zkraw.OP_CREATE, body)
        assert hdr.err == zkraw.E_INVALID_ACL
    # duplicate entries are collapsed by the server
    zk.create(root + "/dup", acl=OPEN_ACL_UNSAFE + OPEN_ACL_UNSAFE)
    assert zk.get_acls(root + "/dup")[0] == OPEN_ACL_UNSAFE


def test_unknown_auth_scheme_fails_and_closes_connection(root):
    with zkraw.RawZk(HOSTS) as raw:
        # unknown scheme: reply AuthFailed (-115), then the server closes
        # the connection
        assert raw.add_auth("nosuchscheme", b"x") == -115
        with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError)):
            raw.ping()


def test_who_am_i_lists_identities_in_hash_order(root):
    """NOTE: a connection's identities live in a ConcurrentHashMap-backed set,
    so whoAmI lists them by bucket of Id.hashCode(), not by age: bob:pw's
    digest id before the ip id, alice:pw's after it.  (Found by the
    differential tester, tests/interop/diff.)"""
    with zkraw.RawZk(HOSTS) as raw:
        assert raw.add_auth("digest", b"alice:pw") == 0
        assert raw.add_auth("digest", b"bob:pw") == 0
        assert raw.who_am_i() == [("digest", "bob"), ("ip", "127.0.0.1"), ("digest", "alice")]


def test_who_am_i(root):
    with zkraw.RawZk(HOSTS) as raw:
        # every connection carries its ip identity
        assert raw.who_am_i() == [("ip", "127.0.0.1")]
        assert raw.add_auth("digest", b"erin:pw") == 0
        # digest identities are reported by user name, without the hash.
        # (order is not specified: ZooKeeper 3.8 happens to list newer
        # digest ids first, the ip id last; compare as sets)
        assert sorted(raw.who_am_i()) == [("digest", "erin"), ("ip", "127.0.0.1")]
        assert raw.add_auth("digest", b"frank:pw2") == 0
        assert sorted(raw.who_am_i()) == [("digest", "erin"), ("digest", "frank"),
                                          ("ip", "127.0.0.1")]
        # the same identity twice is kept once
        assert raw.add_auth("digest", b"erin:pw") == 0
        assert len(raw.who_am_i()) == 3
        # "ip" auth always adds the connection's real address (here a dup)
        assert raw.add_auth("ip", b"10.9.9.9") == 0
        assert sorted(raw.who_am_i()) == [("digest", "erin"), ("digest", "frank"),
                                          ("ip", "127.0.0.1")]
