"""Hand-made frames: malformed input must cost only the offending
connection; framing, pipelining and error replies as ZooKeeper 3.8 does."""
import socket
import time

import pytest

import zkraw
from helpers import HOSTS, host_port


def open_socket():
    host, port = host_port()
    s = socket.create_connection((host, port), timeout=5)
    s.settimeout(5)
    return s


def read_until_closed(s, timeout=5.0):
    """Return (bytes received, how it ended); bounded in time."""
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            return data, "open"
        except ConnectionResetError:
            return data, "reset"
        if not chunk:
            return data, "closed"
        data += chunk
    return data, "open"


def assert_server_healthy(zk, root):
    path = zk.create(root + "/alive-", b"ok", sequence=True)
    assert zk.get(path)[0] == b"ok"
    zk.delete(path)


@pytest.mark.parametrize("first_bytes", [
    zkraw.enc_int(-1),                          # negative length
    zkraw.enc_int(0x7FFFFFFF),                  # absurd length
    zkraw.enc_int(2 * 1024 * 1024) + b"x" * 1000,   # > jute.maxbuffer
    zkraw.enc_int(10) + b"0123456789",          # garbage ConnectRequest
    zkraw.enc_int(0),                           # empty ConnectRequest
    # a normal request sent before any ConnectRequest
    (lambda b: zkraw.enc_int(len(b)) + b)(
        zkraw.enc_int(1) + zkraw.enc_int(zkraw.OP_GET_DATA)
        + zkraw.enc_string("/") + zkraw.enc_bool(False)),
], ids=["neg-len", "huge-len", "over-maxbuffer", "garbage-connect", "empty-connect",
        "request-before-connect"])
def test_bad_first_frame_closes_only_that_connection(zk, root, first_bytes):
    sid = zk.client_id[0]
    s = open_socket()
    try:
        s.sendall(first_bytes)
        data, how = read_until_closed(s)
        # no reply at all, just the connection closed
        assert data == b""
        assert how in ("closed", "reset")
    finally:
        s.close()
    # the other client is untouched, same session, still working
    assert_server_healthy(zk, root)
    assert zk.client_id[0] == sid


def test_oversized_frame_after_handshake(zk, root):
    raw = zkraw.RawZk(HOSTS)
    raw.create(root + "/r")
    raw.sock.sendall(zkraw.enc_int(0x7FFFFFF0) + b"\0" * 64)
    data, how = read_until_closed(raw.sock)
    assert data == b"" and how in ("closed", "reset")
    raw.close_socket()
    assert_server_healthy(zk, root)
    # the raw client's session survives a dropped connection
    again = zkraw.RawZk(HOSTS, session_id=raw.session_id, passwd=raw.passwd)
    assert again.session_id == raw.session_id
    again.close_session()


def test_unknown_opcode(zk, root):
    """ZooKeeper 3.8 answers an unknown opcode with a ReplyHeader carrying
    err -6 (Unimplemented) and zxid -1, then closes the connection (but not
    the session: UnimplementedRequestProcessor sends closeConn)."""
    raw = zkraw.RawZk(HOSTS)
    raw.create(root + "/eph", flags=zkraw.EPHEMERAL)
    xid = raw.send_request(999, b"")
    hdr, r = raw.read_reply(xid)
    assert hdr.xid == xid
    assert hdr.err == zkraw.E_UNIMPLEMENTED
    assert hdr.zxid == -1
    assert r.remaining() == 0
    with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError)):
        raw.recv_frame(timeout=5)
    raw.close_socket()
    # session alive: its ephemeral is still there and it can be resumed
    assert zk.exists(root + "/eph").ephemeralOwner == raw.session_id
    again = zkraw.RawZk(HOSTS, session_id=raw.session_id, passwd=raw.passwd)
    assert again.session_id == raw.session_id
    again.close_session()
    assert zk.exists(root + "/eph") is None
    assert_server_healthy(zk, root)


@pytest.mark.parametrize("opcode", [zkraw.OP_CREATE, zkraw.OP_GET_DATA,
                                    zkraw.OP_SET_DATA, zkraw.OP_EXISTS,
                                    zkraw.OP_DELETE])
def test_truncated_request_body_is_marshalling_error(root, opcode):
    """A request whose body cannot be decoded gets err -5 (MarshallingError)
    and the connection stays usable."""
    with zkraw.RawZk(HOSTS) as raw:
        hdr, r = raw.call(opcode, zkraw.enc_int(5))     # claims 5 bytes, has 0
        assert hdr.err == zkraw.E_MARSHALLING
        assert r.remaining() == 0
        raw.ping()
        assert raw.exists(root) is not None


def test_pipelined_requests_answered_in_order(root):
    with zkraw.RawZk(HOSTS) as raw:
        acl = zkraw.enc_acl(zkraw.OPEN_ACL_UNSAFE)
        xids = [
            raw.send_request(zkraw.OP_EXISTS, zkraw.enc_string(root) + zkraw.enc_bool(False)),
            raw.send_request(zkraw.OP_CREATE, zkraw.enc_string(root + "/p")
                             + zkraw.enc_buffer(b"1") + acl + zkraw.enc_int(0)),
            raw.send_request(zkraw.OP_GET_DATA, zkraw.enc_string(root + "/p")
                             + zkraw.enc_bool(False)),
            raw.send_request(zkraw.OP_GET_DATA, zkraw.enc_string(root + "/nope")
                             + zkraw.enc_bool(False)),
            raw.send_request(zkraw.OP_SYNC, zkraw.enc_string(root)),
            raw.send_request(zkraw.OP_DELETE, zkraw.enc_string(root + "/p")
                             + zkraw.enc_int(-1)),
        ]
        got = []
        for _ in xids:
            r = zkraw.Reader(raw.recv_frame())
            got.append((r.int(), r.long(), r.int()))
        assert [g[0] for g in got] == xids
        assert [g[2] for g in got] == [0, 0, 0, zkraw.E_NO_NODE, 0, 0]
        create_zxid, delete_zxid = got[1][1], got[5][1]
        assert delete_zxid == create_zxid + 1
        # reads carry the last committed zxid at the time they were served
        assert got[2][1] == create_zxid
        assert got[3][1] == create_zxid


def test_ping_and_xids(root):
    with zkraw.RawZk(HOSTS) as raw:
        # ping: xid -2, answered with a bare ReplyHeader xid -2, err 0
        raw.send_frame(zkraw.enc_int(-2) + zkraw.enc_int(zkraw.OP_PING))
        r = zkraw.Reader(raw.recv_frame())
        assert r.int() == -2
        r.long()
        assert r.int() == 0
        assert r.remaining() == 0
        # xids are echoed verbatim, even unusual ones
        for xid in (12345, 0x7FFFFFFF, 7):
            raw.send_request(zkraw.OP_EXISTS, zkraw.enc_string(root) + zkraw.enc_bool(False),
                             xid=xid)
            hdr, r = raw.read_reply(xid)
            assert hdr.err == 0
            assert r.stat().czxid > 0


def test_reply_bodies(root):
    """Exact reply layouts for the common ops."""
    with zkraw.RawZk(HOSTS) as raw:
        acl = zkraw.enc_acl(zkraw.OPEN_ACL_UNSAFE)
        p = root + "/b"
        # create (1) -> path only
        hdr, r = raw.call(zkraw.OP_CREATE, zkraw.enc_string(p) + zkraw.enc_buffer(b"xy")
                          + acl + zkraw.enc_int(0))
        assert hdr.err == 0 and r.string() == p and r.remaining() == 0
        # create2 (15) -> path + stat
        hdr, r = raw.call(zkraw.OP_CREATE2, zkraw.enc_string(p + "2") + zkraw.enc_buffer(b"")
                          + acl + zkraw.enc_int(0))
        assert r.string() == p + "2"
        r.stat()
        assert r.remaining() == 0
        # exists (3) -> stat (68 bytes)
        hdr, r = raw.call(zkraw.OP_EXISTS, zkraw.enc_string(p) + zkraw.enc_bool(False))
        assert r.remaining() == 68
        # exists on a missing node -> err -101 and no body
        hdr, r = raw.call(zkraw.OP_EXISTS, zkraw.enc_string(p + "x") + zkraw.enc_bool(False))
        assert hdr.err == zkraw.E_NO_NODE and r.remaining() == 0
        # getData (4) -> buffer + stat
        hdr, r = raw.call(zkraw.OP_GET_DATA, zkraw.enc_string(p) + zkraw.enc_bool(False))
        assert r.buffer() == b"xy" and r.stat().dataLength == 2 and r.remaining() == 0
        # getChildren (8) -> vector<string>; getChildren2 (12) -> + stat
        hdr, r = raw.call(zkraw.OP_GET_CHILDREN, zkraw.enc_string(p) + zkraw.enc_bool(False))
        assert r.strings() == [] and r.remaining() == 0
        hdr, r = raw.call(zkraw.OP_GET_CHILDREN2, zkraw.enc_string(root) + zkraw.enc_bool(False))
        assert sorted(r.strings()) == ["b", "b2"]
        assert r.stat().numChildren == 2 and r.remaining() == 0
        # getACL (6) -> vector<ACL> + stat
        hdr, r = raw.call(zkraw.OP_GET_ACL, zkraw.enc_string(p))
        assert r.int() == 1
        assert (r.int(), r.string(), r.string()) == (31, "world", "anyone")
        r.stat()
        assert r.remaining() == 0
        # setData (5) -> stat; setACL (7) -> stat
        hdr, r = raw.call(zkraw.OP_SET_DATA, zkraw.enc_string(p) + zkraw.enc_buffer(b"z")
                          + zkraw.enc_int(0))
        assert r.stat().version == 1 and r.remaining() == 0
        hdr, r = raw.call(zkraw.OP_SET_ACL, zkraw.enc_string(p) + acl + zkraw.enc_int(0))
        assert r.stat().aversion == 1 and r.remaining() == 0
        # sync (9) -> path
        hdr, r = raw.call(zkraw.OP_SYNC, zkraw.enc_string(p))
        assert r.string() == p and r.remaining() == 0
        # delete (2) -> empty body
        hdr, r = raw.call(zkraw.OP_DELETE, zkraw.enc_string(p) + zkraw.enc_int(-1))
        assert hdr.err == 0 and r.remaining() == 0
        # errors never carry a body
        hdr, r = raw.call(zkraw.OP_GET_DATA, zkraw.enc_string(p) + zkraw.enc_bool(False))
        assert hdr.err == zkraw.E_NO_NODE and r.remaining() == 0
