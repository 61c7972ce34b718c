"""create / get / set / delete with exact Stat checks, sequential and
ephemeral nodes, error codes, path validation and the 1 MB frame limit."""
import pytest
from kazoo.exceptions import (
    BadArgumentsError,
    BadVersionError,
    ConnectionLoss,
    NoChildrenForEphemeralsError,
    NodeExistsError,
    NoNodeError,
    NotEmptyError,
)
from kazoo.protocol.states import KazooState

import zkraw
from helpers import HOSTS, wait_until


# ---------------------------------------------------------------------------
# Stat bookkeeping
# ---------------------------------------------------------------------------
def test_create_stat_fields(zk, root):
    path, stat = zk.create(root + "/n", b"hello", include_data=True)
    assert path == root + "/n"
    # a fresh node: every zxid is the creating txn's zxid, which is also the
    # zxid in the reply header (kazoo keeps it in last_zxid)
    assert stat.czxid == stat.mzxid == stat.pzxid == zk.last_zxid
    assert stat.ctime == stat.mtime
    assert stat.ctime > 1_000_000_000_000          # epoch milliseconds
    assert (stat.version, stat.cversion, stat.aversion) == (0, 0, 0)
    assert stat.ephemeralOwner == 0
    assert stat.dataLength == 5
    assert stat.numChildren == 0

    data, stat2 = zk.get(root + "/n")
    assert data == b"hello"
    assert stat2 == stat
    assert zk.exists(root + "/n") == stat


def test_parent_stat_after_child_create_and_delete(zk, root):
    before = zk.exists(root)
    _, child = zk.create(root + "/c", b"", include_data=True)
    after = zk.exists(root)
    # parent: cversion+1, numChildren+1, pzxid = child's czxid;
    # data version and mzxid untouched
    assert after.cversion == before.cversion + 1
    assert after.numChildren == before.numChildren + 1
    assert after.pzxid == child.czxid
    assert after.mzxid == before.mzxid
    assert after.mtime == before.mtime
    assert after.version == before.version
    assert after.czxid == before.czxid

    zk.delete(root + "/c")
    delete_zxid = zk.last_zxid
    assert delete_zxid > child.czxid
    gone = zk.exists(root)
    # delete also bumps the parent's cversion and sets pzxid to the delete zxid
    assert gone.cversion == before.cversion + 2
    assert gone.numChildren == before.numChildren
    assert gone.pzxid == delete_zxid
    assert gone.mzxid == before.mzxid


def test_set_data_stat(zk, root):
    _, created = zk.create(root + "/s", b"one", include_data=True)
    stat = zk.set(root + "/s", b"second")
    assert stat.version == 1
    assert stat.mzxid == zk.last_zxid
    assert stat.mzxid > created.mzxid
    assert stat.czxid == created.czxid
    # pzxid only tracks child changes; setData leaves it alone
    assert stat.pzxid == created.pzxid
    assert stat.ctime == created.ctime
    assert stat.mtime >= created.mtime
    assert stat.dataLength == 6
    assert (stat.cversion, stat.aversion) == (0, 0)
    assert zk.get(root + "/s") == (b"second", stat)

    # conditional set with the right version succeeds, wrong version fails
    stat2 = zk.set(root + "/s", b"3", version=1)
    assert stat2.version == 2
    with pytest.raises(BadVersionError):
        zk.set(root + "/s", b"4", version=1)
    # setting identical data still creates a new version
    stat3 = zk.set(root + "/s", b"3")
    assert stat3.version == 3
    assert stat3.mzxid > stat2.mzxid
    # version -1 means "any version"
    assert zk.set(root + "/s", b"", version=-1).version == 4
    assert zk.exists(root + "/s").dataLength == 0


def test_null_and_empty_data(zk, root):
    zk.create(root + "/empty", b"")
    zk.create(root + "/null", None)
    assert zk.get(root + "/empty")[0] == b""
    # ZooKeeper keeps null data as null: getData answers buffer length -1,
    # which kazoo decodes as None (an implementation that stores b"" fails)
    data, stat = zk.get(root + "/null")
    assert data is None
    assert stat.dataLength == 0


def test_binary_data_roundtrip(zk, root):
    blob = bytes(range(256)) * 40
    zk.create(root + "/bin", blob)
    assert zk.get(root + "/bin")[0] == blob
    assert zk.exists(root + "/bin").dataLength == len(blob)


def test_delete_with_version(zk, root):
    zk.create(root + "/d", b"x")
    zk.set(root + "/d", b"y")
    with pytest.raises(BadVersionError):
        zk.delete(root + "/d", version=0)
    zk.delete(root + "/d", version=1)
    assert zk.exists(root + "/d") is None


def test_get_children(zk, root):
    for name in ("b", "a", "c"):
        zk.create(root + "/" + name, name.encode())
    assert sorted(zk.get_children(root)) == ["a", "b", "c"]
    children, stat = zk.get_children(root, include_data=True)
    assert sorted(children) == ["a", "b", "c"]
    assert stat == zk.exists(root)
    assert stat.numChildren == 3
    assert zk.get_children(root + "/a") == []


def test_unicode_names_and_data(zk, root):
    path = root + "/\u00e9t\u00e9-\u65e5\u672c"
    zk.create(path, "donn\u00e9es".encode("utf-8"))
    assert zk.get_children(root) == ["\u00e9t\u00e9-\u65e5\u672c"]
    assert zk.get(path)[0].decode("utf-8") == "donn\u00e9es"


def test_makepath_and_ensure_path(zk, root):
    zk.create(root + "/x/y/z", b"deep", makepath=True)
    assert zk.get(root + "/x/y/z")[0] == b"deep"
    assert zk.get(root + "/x")[0] == b""
    zk.ensure_path(root + "/p/q")
    assert zk.exists(root + "/p/q") is not None
    zk.delete(root + "/x", recursive=True)
    assert zk.exists(root + "/x") is None


def test_sync(zk, root):
    assert zk.sync(root) == root


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------
def test_error_codes(zk, root):
    with pytest.raises(NoNodeError):
        zk.get(root + "/missing")
    with pytest.raises(NoNodeError):
        zk.set(root + "/missing", b"x")
    with pytest.raises(NoNodeError):
        zk.delete(root + "/missing")
    with pytest.raises(NoNodeError):
        zk.get_children(root + "/missing")
    with pytest.raises(NoNodeError):
        zk.create(root + "/missing/child")
    assert zk.exists(root + "/missing") is None

    zk.create(root + "/e")
    with pytest.raises(NodeExistsError):
        zk.create(root + "/e")
    zk.create(root + "/e/child")
    with pytest.raises(NotEmptyError):
        zk.delete(root + "/e")
    with pytest.raises(BadVersionError):
        zk.set(root + "/e", b"x", version=7)
    # error precedence: a version mismatch is reported before NotEmpty
    with pytest.raises(BadVersionError):
        zk.delete(root + "/e", version=3)


def test_root_and_reserved_nodes_cannot_be_deleted(zk):
    # deleting "/" or anything under /zookeeper is BadArguments (-8), not
    # NoAuth / NotEmpty (PrepRequestProcessor: special paths)
    for path in ("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"):
        with pytest.raises(BadArgumentsError):
            zk.delete(path)
    # creating "/" or "/zookeeper" is NodeExists
    with pytest.raises(NodeExistsError):
        zk.create("/")
    with pytest.raises(NodeExistsError):
        zk.create("/zookeeper")


def test_kazoo_client_side_path_handling(zk, root):
    # kazoo normalises paths before sending: "//" collapses, a trailing "/" is
    # dropped, a missing leading "/" is added; "." and ".." raise ValueError
    # without contacting the server.  (Server-side validation of the raw
    # strings is tested in test_server_path_validation.)
    with pytest.raises(ValueError):
        zk.create(root + "/a/.")
    with pytest.raises(ValueError):
        zk.create(root + "/a/..")
    with pytest.raises(ValueError):
        zk.get(root + "/./a")
    assert zk.create(root + "//n1") == root + "/n1"
    assert zk.create(root + "/n2/") == root + "/n2"
    # NUL is not touched by kazoo; the server rejects it
    with pytest.raises(BadArgumentsError):
        zk.create(root + "/a\x00b")


# Server-side path validation, as answered by ZooKeeper 3.8 to raw requests
# (kazoo would normalise most of these strings away).  "A" stands for an
# existing node <root>/a; relative paths are sent as-is.  Columns:
#   create, createSeq (flags=2), setData, delete, getData, exists,
#   getChildren2, getACL, setACL, sync
# Surprises worth copying exactly:
#  * create checks the parent exists *before* validating the full path, so
#    "A//b" is NoNode (-101), while "A/" (parent A exists) is BadArguments.
#  * sequential create appends the counter first and validates afterwards:
#    "A/" + seq -> "A/0000000000" is fine, "A/." + seq is fine too.
#  * delete only checks "has a slash / no NUL / not reserved", so invalid
#    but slash-containing paths are NoNode (-101), relative ones are -8.
#  * reads never validate (-101), except exists() rejects NUL with -8.
#  * "" is the root node for reads (DataTree maps "" to "/").
#  * setData / setACL validate the path fully (-8).
#  * sync never fails, whatever the path.
OK_ = 0
NN = zkraw.E_NO_NODE
BA = zkraw.E_BAD_ARGUMENTS
PATH_MATRIX = [
    # path          create cSeq set  del  get  exist chld gacl sacl sync
    ("A/",          (BA,   OK_, BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("a",           (BA,   BA,  BA,  BA,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A//b",        (NN,   NN,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("R//a",        (NN,   NN,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A/.",         (BA,   OK_, BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A/..",        (BA,   OK_, BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A/./b",       (NN,   NN,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("",            (BA,   BA,  BA,  BA,  OK_, OK_,  OK_, OK_, BA,  OK_)),
    ("A\x00b",      (BA,   BA,  BA,  BA,  NN,  BA,   NN,  NN,  BA,  OK_)),
    ("A/\x01",      (BA,   BA,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A/\x7f",      (BA,   BA,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    # PathUtils also rejects U+0080..U+009F, U+D800..U+F8FF (so every
    # supplementary character such as an emoji, which Java holds as a
    # surrogate pair, and the private use area) and U+FFF0..U+FFFF
    ("A/\u0085",    (BA,   BA,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A/\ue000",    (BA,   BA,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A/\U0001F600", (BA,  BA,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    ("A/\ufff0",    (BA,   BA,  BA,  NN,  NN,  NN,   NN,  NN,  BA,  OK_)),
    # valid names (the created node is deleted again before the next column,
    # hence NoNode for the rest)
    ("A/...",       (OK_,  OK_, NN,  NN,  NN,  NN,   NN,  NN,  NN,  OK_)),
    ("A/.x",        (OK_,  OK_, NN,  NN,  NN,  NN,   NN,  NN,  NN,  OK_)),
    ("A/\u00e9 x",  (OK_,  OK_, NN,  NN,  NN,  NN,   NN,  NN,  NN,  OK_)),
    ("A/zookeeper", (OK_,  OK_, NN,  NN,  NN,  NN,   NN,  NN,  NN,  OK_)),
]


def _path_ops(path):
    acl = zkraw.enc_acl(zkraw.OPEN_ACL_UNSAFE)
    p = zkraw.enc_string(path)
    return [
        ("create", zkraw.OP_CREATE, p + zkraw.enc_buffer(b"") + acl + zkraw.enc_int(0)),
        ("createSeq", zkraw.OP_CREATE, p + zkraw.enc_buffer(b"") + acl + zkraw.enc_int(2)),
        ("setData", zkraw.OP_SET_DATA, p + zkraw.enc_buffer(b"") + zkraw.enc_int(-1)),
        ("delete", zkraw.OP_DELETE, p + zkraw.enc_int(-1)),
        ("getData", zkraw.OP_GET_DATA, p + zkraw.enc_bool(False)),
        ("exists", zkraw.OP_EXISTS, p + zkraw.enc_bool(False)),
        ("getChildren2", zkraw.OP_GET_CHILDREN2, p + zkraw.enc_bool(False)),
        ("getACL", zkraw.OP_GET_ACL, p),
        ("setACL", zkraw.OP_SET_ACL, p + acl + zkraw.enc_int(-1)),
        ("sync", zkraw.OP_SYNC, p),
    ]


@pytest.mark.parametrize("template,expected", PATH_MATRIX,
                         ids=[repr(r[0]) for r in PATH_MATRIX])
def test_server_path_validation(root, template, expected):
    path = template.replace("A", root + "/a", 1).replace("R", root, 1)
    with zkraw.RawZk(HOSTS) as raw:
        raw.create(root + "/a")
        got = []
        for name, op, body in _path_ops(path):
            hdr, r = raw.call(op, body)
            got.append(hdr.err)
            if hdr.err == 0 and op == zkraw.OP_CREATE:
                # undo successful (sequential) creates so the row stays
                # independent of the column order
                raw.delete(r.string())
        names = [n for n, _, _ in _path_ops(path)]
        assert dict(zip(names, got)) == dict(zip(names, expected)), path
        # the connection is still fine after all those errors
        raw.ping()
        assert raw.exists(root + "/a") is not None
        assert raw.children(root + "/a")[0] == []


def test_root_node_edge_cases(zk):
    # create "/" is NodeExists; setData on "/" is allowed
    with zkraw.RawZk(HOSTS) as raw:
        hdr, _ = raw.call(zkraw.OP_CREATE, zkraw.enc_string("/") + zkraw.enc_buffer(b"")
                          + zkraw.enc_acl(zkraw.OPEN_ACL_UNSAFE) + zkraw.enc_int(0))
        assert hdr.err == zkraw.E_NODE_EXISTS
        root_stat = raw.exists("/")
        assert raw.exists("") == root_stat       # "" aliases the root
        assert root_stat.czxid == 0 and root_stat.ctime == 0
        assert root_stat.ephemeralOwner == 0


# ---------------------------------------------------------------------------
# sequential nodes
# ---------------------------------------------------------------------------
def test_sequential_suffix_from_parent_cversion(zk, root):
    p = root + "/seq"
    zk.create(p)
    first = zk.create(p + "/job-", sequence=True)
    assert first == p + "/job-0000000000"
    assert zk.create(p + "/job-", sequence=True) == p + "/job-0000000001"
    # a non-sequential child also bumps cversion, so the counter skips
    zk.create(p + "/plain")
    assert zk.create(p + "/job-", sequence=True) == p + "/job-0000000003"
    assert zk.exists(p).cversion == 4
    # SURPRISE: deletes bump the *visible* cversion but not the sequence
    # counter.  ZooKeeper stores only the number of child creates (c) and
    # reports cversion = 2*c - numChildren (DataNode.copyStat), i.e.
    # creates + deletes; the sequential suffix is c, not the visible value.
    zk.delete(p + "/plain")
    zk.delete(first)
    assert zk.exists(p).cversion == 6          # 4 creates + 2 deletes
    assert zk.create(p + "/other-", sequence=True) == p + "/other-0000000004"
    assert zk.exists(p).cversion == 7
    # the counter is per parent, not per prefix; an empty prefix works too
    assert zk.create(p + "/", sequence=True) == p + "/0000000005"
    assert sorted(zk.get_children(p)) == [
        "0000000005", "job-0000000001", "job-0000000003", "other-0000000004"]


def test_sequential_name_collision_is_node_exists(zk, root):
    p = root + "/col"
    zk.create(p)
    zk.create(p + "/x0000000001")      # cversion 0 -> 1
    # the suffix is computed from cversion (1), not searched for a free name,
    # so this collides with the existing node
    with pytest.raises(NodeExistsError):
        zk.create(p + "/x", sequence=True)
    # a failed create does not bump cversion
    assert zk.exists(p).cversion == 1
    zk.create(p + "/y")                # cversion 1 -> 2
    assert zk.create(p + "/x", sequence=True) == p + "/x0000000002"


def test_ephemeral_sequential(zk, root):
    path = zk.create(root + "/es-", b"v", ephemeral=True, sequence=True)
    assert path == root + "/es-0000000000"
    stat = zk.exists(path)
    assert stat.ephemeralOwner == zk.client_id[0]


# ---------------------------------------------------------------------------
# ephemerals
# ---------------------------------------------------------------------------
def test_ephemeral_owner_and_cleanup_on_close(make_client, zk, root):
    owner = make_client()
    path, stat = owner.create(root + "/eph", b"e", ephemeral=True,
                              include_data=True)
    assert stat.ephemeralOwner == owner.client_id[0] != 0
    # ephemerals cannot have children
    with pytest.raises(NoChildrenForEphemeralsError):
        owner.create(path + "/child")
    with pytest.raises(NoChildrenForEphemeralsError):
        zk.create(path + "/child2")
    # other sessions may modify / delete it, ownership is unchanged
    stat2 = zk.set(path, b"other")
    assert stat2.ephemeralOwner == owner.client_id[0]
    assert zk.exists(root).numChildren == 1
    owner.stop()
    # closeSession deletes the session's ephemerals as part of the close txn:
    # once the close reply has been received they are gone for everyone
    assert zk.exists(path) is None
    assert zk.get_children(root) == []


def test_ephemeral_deleted_explicitly(zk, root):
    path = zk.create(root + "/e", ephemeral=True)
    zk.delete(path)
    assert zk.exists(path) is None
    zk.create(path, ephemeral=True)
    assert zk.exists(path).ephemeralOwner == zk.client_id[0]


# ---------------------------------------------------------------------------
# data size limit (jute.maxbuffer = 0xfffff = 1048575 bytes per frame)
# ---------------------------------------------------------------------------
def test_data_over_one_megabyte_is_refused(make_client, root):
    c = make_client()
    other = make_client()
    eph = c.create(root + "/keep", ephemeral=True)
    session = c.client_id
    states = []
    c.add_listener(states.append)

    # a frame longer than jute.maxbuffer (1048575) is not answered with an
    # error code: the server closes the TCP connection ("Len error") and the
    # client sees ConnectionLoss.  The session survives; kazoo reconnects.
    with pytest.raises(ConnectionLoss):
        c.create(root + "/big", b"x" * (1024 * 1024))
    wait_until(lambda: KazooState.SUSPENDED in states, 10, what="SUSPENDED")

    # other clients are not affected
    assert other.exists(root) is not None
    assert other.exists(root + "/big") is None

    # the same client reconnects with the same session; its ephemeral lives
    wait_until(lambda: c.state == KazooState.CONNECTED, 15, what="reconnect")
    assert c.client_id == session
    assert c.exists(eph).ephemeralOwner == session[0]

    # just under the limit is fine: the whole frame (header + path + data +
    # acl + flags) must be <= 1048575 bytes
    big = b"y" * (1000 * 1000)
    c.create(root + "/big", big)
    assert c.get(root + "/big")[0] == big


def test_frame_length_boundary(root):
    """The limit is on the frame's length prefix: 1048575 passes, 1048576
    gets the connection closed without a reply."""
    path = root + "/b"
    with zkraw.RawZk(HOSTS) as raw:
        raw.create(path)
        header = 4 + 4                      # xid + opcode
        fixed = header + 4 + len(path.encode()) + 4 + 4   # path, data len, version
        n = 1048575 - fixed
        body = (zkraw.enc_string(path) + zkraw.enc_buffer(b"z" * n)
                + zkraw.enc_int(-1))
        raw.xid += 1
        frame = zkraw.enc_int(raw.xid) + zkraw.enc_int(zkraw.OP_SET_DATA) + body
        assert len(frame) == 1048575
        raw.send_frame(frame)
        hdr, r = raw.read_reply(raw.xid)
        assert hdr.err == 0
        assert r.stat().dataLength == n

        body = (zkraw.enc_string(path) + zkraw.enc_buffer(b"z" * (n + 1))
                + zkraw.enc_int(-1))
        raw.xid += 1
        frame = zkraw.enc_int(raw.xid) + zkraw.enc_int(zkraw.OP_SET_DATA) + body
        assert len(frame) == 1048576
        try:
            raw.send_frame(frame)
        except OSError:
            pass            # server may reset while we are still writing
        with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError)):
            raw.read_reply(raw.xid, timeout=10)
    with zkraw.RawZk(HOSTS) as raw:
        assert raw.exists(path).dataLength == n
