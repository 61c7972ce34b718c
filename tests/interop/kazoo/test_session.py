"""Sessions: ids, timeout negotiation, expiry, reconnect/move, close."""
import os
import time

import pytest
from kazoo.protocol.states import EventType, KazooState

import zkraw
from helpers import HOSTS, EventCollector, FreezableProxy, wait_until

# run.sh configures the server with these (zoo.cfg minSessionTimeout /
# maxSessionTimeout); the server clamps requested timeouts into the range
MIN_TIMEOUT = int(os.environ.get("ZK_MIN_SESSION_TIMEOUT", "2000"))
MAX_TIMEOUT = int(os.environ.get("ZK_MAX_SESSION_TIMEOUT", "60000"))

FAST_RETRY = {"max_tries": -1, "delay": 0.05, "backoff": 1, "max_delay": 0.1,
              "max_jitter": 0.01}


def test_client_id(make_client):
    a = make_client()
    b = make_client()
    sid, passwd = a.client_id
    assert sid != 0
    assert isinstance(passwd, bytes) and len(passwd) == 16
    assert b.client_id[0] != sid


def test_session_timeout_negotiation():
    with zkraw.RawZk(HOSTS, timeout_ms=100) as raw:
        assert raw.negotiated_timeout == MIN_TIMEOUT
    with zkraw.RawZk(HOSTS, timeout_ms=MIN_TIMEOUT + 1234) as raw:
        assert raw.negotiated_timeout == MIN_TIMEOUT + 1234
    with zkraw.RawZk(HOSTS, timeout_ms=10 * MAX_TIMEOUT) as raw:
        assert raw.negotiated_timeout == MAX_TIMEOUT
        assert raw.protocol_version == 0
        assert len(raw.passwd) == 16
        assert raw.read_only is False


def test_connect_request_without_read_only_flag():
    # old clients omit the trailing readOnly bool; ZooKeeper accepts that and
    # then also omits it from its ConnectResponse (36 bytes, not 37)
    import socket
    host, port = zkraw.parse_hosts(HOSTS)
    with socket.create_connection((host, port), timeout=5) as s:
        body = (zkraw.enc_int(0) + zkraw.enc_long(0) + zkraw.enc_int(5000)
                + zkraw.enc_long(0) + zkraw.enc_buffer(b"\0" * 16))
        s.sendall(zkraw.enc_int(len(body)) + body)
        s.settimeout(5)
        hdr = b""
        for _ in range(100):
            if len(hdr) >= 4:
                break
            hdr += s.recv(4 - len(hdr))
        (length,) = zkraw.struct.unpack(">i", hdr)
        assert length == 36


def test_close_removes_ephemerals_immediately(make_client, zk, root):
    c = make_client()
    path = c.create(root + "/e", ephemeral=True)
    c.stop()
    assert zk.exists(path) is None


def test_session_expiry_removes_ephemerals(zk, root):
    """A session whose client goes silent (socket closed, no closeSession)
    expires after its timeout; its ephemerals are then deleted and watchers
    are notified."""
    raw = zkraw.RawZk(HOSTS, timeout_ms=MIN_TIMEOUT)
    assert raw.negotiated_timeout == MIN_TIMEOUT
    raw.create(root + "/e1", flags=zkraw.EPHEMERAL)
    raw.create(root + "/e2-", flags=zkraw.EPHEMERAL_SEQUENTIAL)
    sid, pw = raw.session_id, raw.passwd
    events = EventCollector()
    assert zk.exists(root + "/e1", watch=events).ephemeralOwner == sid
    t0 = time.monotonic()
    raw.close_socket()
    # nothing happens before the timeout ...
    assert zk.exists(root + "/e1") is not None
    # ... and it is gone a little after it (ZooKeeper checks expiry on
    # tickTime boundaries, so up to timeout + tickTime)
    wait_until(lambda: zk.exists(root + "/e1") is None, timeout=15,
               what="session expiry")
    elapsed = time.monotonic() - t0
    assert elapsed >= MIN_TIMEOUT / 1000.0 * 0.9, elapsed
    assert zk.get_children(root) == []
    assert events.wait(1)[0].type == EventType.DELETED

    # reattaching to an expired session: ConnectResponse with timeOut 0,
    # sessionId 0 and an all-zero password, then the server closes
    late = zkraw.RawZk(HOSTS, session_id=sid, passwd=pw)
    assert (late.negotiated_timeout, late.session_id, late.passwd) == (0, 0, b"\0" * 16)
    with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError, BrokenPipeError)):
        late.ping()
    late.close_socket()


def test_kazoo_sees_session_expiry(make_client, zk, root):
    """kazoo through a proxy that we freeze: pings stop reaching the server,
    the session expires, kazoo goes SUSPENDED and, once it can talk to the
    server again, LOST; then it starts a brand new session."""
    proxy = FreezableProxy()
    try:
        c = make_client(start=False, hosts=proxy.hosts, timeout=MIN_TIMEOUT / 1000.0,
                        connection_retry=FAST_RETRY)
        c.start(timeout=15)
        states = []
        c.add_listener(states.append)
        old_sid = c.client_id[0]
        path = c.create(root + "/mine", ephemeral=True)
        proxy.freeze()
        wait_until(lambda: zk.exists(path) is None, timeout=15,
                   what="server-side expiry of the frozen session")
        wait_until(lambda: KazooState.SUSPENDED in states, timeout=15,
                   what="kazoo SUSPENDED")
        proxy.thaw()
        wait_until(lambda: KazooState.LOST in states, timeout=15, what="kazoo LOST")
        wait_until(lambda: c.state == KazooState.CONNECTED, timeout=15,
                   what="new session")
        assert c.client_id[0] != old_sid
        assert zk.exists(path) is None
    finally:
        proxy.close()


def test_reconnect_keeps_session_and_ephemerals(make_client, zk, root):
    proxy = FreezableProxy()
    try:
        c = make_client(start=False, hosts=proxy.hosts, connection_retry=FAST_RETRY)
        c.start(timeout=15)
        states = []
        c.add_listener(states.append)
        sid = c.client_id[0]
        path = c.create(root + "/stay", ephemeral=True)
        proxy.drop_connections()
        wait_until(lambda: KazooState.SUSPENDED in states, timeout=10,
                   what="SUSPENDED after the drop")
        wait_until(lambda: c.state == KazooState.CONNECTED, timeout=15,
                   what="reconnect")
        assert KazooState.LOST not in states
        assert c.client_id[0] == sid
        assert zk.exists(path).ephemeralOwner == sid
        assert c.exists(path).ephemeralOwner == sid
    finally:
        proxy.close()


def test_raw_reattach_same_session(zk, root):
    a = zkraw.RawZk(HOSTS, timeout_ms=10000)
    a.create(root + "/eph", flags=zkraw.EPHEMERAL)
    sid, pw = a.session_id, a.passwd
    b = zkraw.RawZk(HOSTS, session_id=sid, passwd=pw, last_zxid=a.last_zxid,
                    timeout_ms=12000)
    try:
        assert b.session_id == sid
        assert b.passwd == pw
        # the timeout is negotiated afresh on every (re)connect
        assert b.negotiated_timeout == 12000
        # the session moved: the server closes its previous connection
        with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError, BrokenPipeError)):
            a.ping()
        a.close_socket()
        assert b.exists(root + "/eph").ephemeralOwner == sid
        b.create(root + "/eph2", flags=zkraw.EPHEMERAL)
        assert zk.exists(root + "/eph2").ephemeralOwner == sid
    finally:
        b.close_session()
    assert zk.exists(root + "/eph") is None
    assert zk.exists(root + "/eph2") is None


def test_wrong_password_is_rejected(zk, root):
    a = zkraw.RawZk(HOSTS, timeout_ms=10000)
    a.create(root + "/eph", flags=zkraw.EPHEMERAL)
    bad = zkraw.RawZk(HOSTS, session_id=a.session_id, passwd=b"x" * 16)
    # rejected like an expired session: timeOut 0, sessionId 0, zero passwd
    assert (bad.negotiated_timeout, bad.session_id) == (0, 0)
    with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError, BrokenPipeError)):
        bad.ping()
    bad.close_socket()
    # SURPRISE: even the failed attempt closes the session's current
    # connection (processConnectRequest closes the old cnxn before checking
    # the password); the session itself survives
    with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError, BrokenPipeError)):
        a.ping()
    a.close_socket()
    assert zk.exists(root + "/eph").ephemeralOwner == a.session_id
    again = zkraw.RawZk(HOSTS, session_id=a.session_id, passwd=a.passwd)
    assert again.session_id == a.session_id
    again.close_session()
    assert zk.exists(root + "/eph") is None


def test_second_client_on_same_session_closes_it(make_client, zk, root):
    """Take over a kazoo session with its id+password from a second client
    and close it: the ephemerals go, the original client's session is
    expired from its point of view."""
    a = make_client(connection_retry=FAST_RETRY, timeout=MIN_TIMEOUT / 1000.0)
    path = a.create(root + "/x", ephemeral=True)
    sid, pw = a.client_id
    states = []
    a.add_listener(states.append)
    # raw client attaches to the session (kicking kazoo's connection) and
    # closes it; kazoo may race to re-attach first, so retry a few times
    for _ in range(20):
        try:
            thief = zkraw.RawZk(HOSTS, session_id=sid, passwd=pw)
            if thief.session_id == 0:          # already gone
                thief.close_socket()
                break
            thief.close_session()
            break
        except (zkraw.ConnectionClosed, ConnectionResetError, BrokenPipeError):
            continue
    wait_until(lambda: zk.exists(path) is None, timeout=10, what="ephemeral gone")
    wait_until(lambda: KazooState.LOST in states, timeout=15, what="kazoo LOST")
    # the old session can never be resumed: kazoo is told "expired" and
    # silently starts a new session
    again = make_client(client_id=(sid, pw))
    assert again.client_id[0] != sid


def test_close_session_reply_then_eof():
    raw = zkraw.RawZk(HOSTS)
    xid = raw.send_request(zkraw.OP_CLOSE_SESSION, b"")
    hdr, r = raw.read_reply(xid)
    assert hdr.err == 0 and r.remaining() == 0
    with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError)):
        raw.recv_frame(timeout=5)
    raw.close_socket()


def test_stale_last_zxid_is_refused():
    """A client that has seen a zxid newer than the server's is refused (no
    ConnectResponse at all, the connection is just closed)."""
    with pytest.raises((zkraw.ConnectionClosed, ConnectionResetError)):
        zkraw.RawZk(HOSTS, last_zxid=1 << 40)


def test_session_create_and_close_are_transactions(make_client, zk, root):
    """createSession and closeSession are logged txns in ZooKeeper (global
    sessions): each takes a zxid, visible as gaps in czxid/mzxid."""
    _, st = zk.create(root + "/z1", include_data=True)
    other = make_client()
    other.stop()
    _, st2 = zk.create(root + "/z2", include_data=True)
    assert st2.czxid == st.czxid + 3      # createSession, closeSession, create
