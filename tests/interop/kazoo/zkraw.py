"""Minimal raw ZooKeeper wire-protocol client (jute encoding over TCP).

Used for what kazoo 2.8 cannot send: container and TTL creates, addWatch
(persistent / persistent-recursive watches), removeWatches / checkWatches,
whoAmI, getEphemerals, getAllChildrenNumber, and deliberately malformed
frames.  Everything is synchronous, single-threaded and bounded by socket
timeouts, so a misbehaving server can never hang the suite.

Wire format (all integers big-endian):
  frame            = int32 length, payload
  ConnectRequest   = int32 protocolVersion, int64 lastZxidSeen, int32 timeOut,
                     int64 sessionId, buffer passwd, bool readOnly
  ConnectResponse  = int32 protocolVersion, int32 timeOut, int64 sessionId,
                     buffer passwd, bool readOnly
  RequestHeader    = int32 xid, int32 type
  ReplyHeader      = int32 xid, int64 zxid, int32 err
  buffer / string  = int32 length (-1 = null), bytes
  vector           = int32 count (-1 = null), items
"""

import socket
import struct
import time
from collections import namedtuple

# --- opcodes (ZooDefs.OpCode) --------------------------------------------
OP_NOTIFICATION = 0
OP_CREATE = 1
OP_DELETE = 2
OP_EXISTS = 3
OP_GET_DATA = 4
OP_SET_DATA = 5
OP_GET_ACL = 6
OP_SET_ACL = 7
OP_GET_CHILDREN = 8
OP_SYNC = 9
OP_PING = 11
OP_GET_CHILDREN2 = 12
OP_CHECK = 13
OP_MULTI = 14
OP_CREATE2 = 15
OP_RECONFIG = 16
OP_CHECK_WATCHES = 17
OP_REMOVE_WATCHES = 18
OP_CREATE_CONTAINER = 19
OP_DELETE_CONTAINER = 20
OP_CREATE_TTL = 21
OP_MULTI_READ = 22
OP_AUTH = 100
OP_SET_WATCHES = 101
OP_SASL = 102
OP_GET_EPHEMERALS = 103
OP_GET_ALL_CHILDREN_NUMBER = 104
OP_SET_WATCHES2 = 105
OP_ADD_WATCH = 106
OP_WHO_AM_I = 107
OP_CLOSE_SESSION = -11

# --- special xids ----------------------------------------------------------
XID_NOTIFICATION = -1
XID_PING = -2
XID_AUTH = -4

# --- CreateMode flags ------------------------------------------------------
PERSISTENT = 0
EPHEMERAL = 1
PERSISTENT_SEQUENTIAL = 2
EPHEMERAL_SEQUENTIAL = 3
CONTAINER = 4
PERSISTENT_WITH_TTL = 5
PERSISTENT_SEQUENTIAL_WITH_TTL = 6

# --- AddWatchMode ----------------------------------------------------------
WATCH_PERSISTENT = 0
WATCH_PERSISTENT_RECURSIVE = 1

# --- WatcherType (removeWatches / checkWatches) ----------------------------
WATCHER_CHILDREN = 1
WATCHER_DATA = 2
WATCHER_ANY = 3

# --- Watcher.Event.EventType -----------------------------------------------
EV_NONE = -1
EV_CREATED = 1
EV_DELETED = 2
EV_CHANGED = 3
EV_CHILD = 4
EV_DATA_WATCH_REMOVED = 5
EV_CHILD_WATCH_REMOVED = 6
EV_PERSISTENT_WATCH_REMOVED = 7

# --- error codes (KeeperException.Code) ------------------------------------
OK = 0
E_SYSTEM = -1
E_RUNTIME_INCONSISTENCY = -2
E_MARSHALLING = -5
E_UNIMPLEMENTED = -6
E_BAD_ARGUMENTS = -8
E_NO_NODE = -101
E_NO_AUTH = -102
E_BAD_VERSION = -103
E_NO_CHILDREN_FOR_EPHEMERALS = -108
E_NODE_EXISTS = -110
E_NOT_EMPTY = -111
E_INVALID_ACL = -114
E_NO_WATCHER = -121

OPEN_ACL_UNSAFE = [(0x1f, "world", "anyone")]

Stat = namedtuple(
    "Stat",
    "czxid mzxid ctime mtime version cversion aversion ephemeralOwner "
    "dataLength numChildren pzxid",
)
ReplyHeader = namedtuple("ReplyHeader", "xid zxid err")
Event = namedtuple("Event", "type state path")


# --- encoding ---------------------------------------------------------------
def enc_int(v):
    return struct.pack(">i", v)


def enc_long(v):
    return struct.pack(">q", v)


def enc_bool(v):
    return b"\x01" if v else b"\x00"


def enc_buffer(b):
    if b is None:
        return enc_int(-1)
    return enc_int(len(b)) + b


def enc_string(s):
    if s is None:
        return enc_int(-1)
    return enc_buffer(s.encode("utf-8"))


def enc_acl(acl):
    out = enc_int(len(acl))
    for perms, scheme, ident in acl:
        out += enc_int(perms) + enc_string(scheme) + enc_string(ident)
    return out


class Reader:
    def __init__(self, data, offset=0):
        self.data = data
        self.pos = offset

    def _take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("short read decoding response")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def int(self):
        return struct.unpack(">i", self._take(4))[0]

    def long(self):
        return struct.unpack(">q", self._take(8))[0]

    def bool(self):
        return self._take(1) != b"\x00"

    def buffer(self):
        n = self.int()
        if n < 0:
            return None
        return self._take(n)

    def string(self):
        b = self.buffer()
        return None if b is None else b.decode("utf-8")

    def stat(self):
        return Stat(self.long(), self.long(), self.long(), self.long(),
                    self.int(), self.int(), self.int(), self.long(),
                    self.int(), self.int(), self.long())

    def strings(self):
        n = self.int()
        if n < 0:
            return None
        return [self.string() for _ in range(n)]

    def remaining(self):
        return len(self.data) - self.pos


class ZkError(Exception):
    def __init__(self, code, opname=""):
        super().__init__("ZooKeeper error %d %s" % (code, opname))
        self.code = code


class ConnectionClosed(Exception):
    pass


def parse_hosts(hosts):
    first = hosts.split(",")[0]
    host, port = first.rsplit(":", 1)
    return host, int(port)


class RawZk:
    """One raw ZooKeeper connection/session.  Not thread-safe."""

    def __init__(self, hosts, timeout_ms=30000, session_id=0, passwd=None,
                 io_timeout=10.0, last_zxid=0):
        self.host, self.port = parse_hosts(hosts)
        self.io_timeout = io_timeout
        self.xid = 0
        self.events = []        # notifications received, in order
        self.last_zxid = last_zxid
        self.sock = socket.create_connection((self.host, self.port),
                                             timeout=io_timeout)
        self.sock.settimeout(io_timeout)
        self.connect_session(timeout_ms, session_id, passwd)

    # --- framing -----------------------------------------------------------
    def send_frame(self, payload):
        self.sock.sendall(enc_int(len(payload)) + payload)

    def _recv_exact(self, n, deadline):
        buf = b""
        while len(buf) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("timed out reading from server")
            self.sock.settimeout(remaining)
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionClosed("server closed the connection")
            buf += chunk
        return buf

    def recv_frame(self, timeout=None):
        deadline = time.monotonic() + (timeout or self.io_timeout)
        (length,) = struct.unpack(">i", self._recv_exact(4, deadline))
        if length < 0 or length > 64 * 1024 * 1024:
            raise ValueError("bad frame length %d" % length)
        return self._recv_exact(length, deadline)

    # --- session -----------------------------------------------------------
    def connect_session(self, timeout_ms, session_id, passwd):
        passwd = passwd if passwd is not None else b"\x00" * 16
        req = (enc_int(0) + enc_long(self.last_zxid) + enc_int(timeout_ms) +
               enc_long(session_id) + enc_buffer(passwd) + enc_bool(False))
        self.send_frame(req)
        r = Reader(self.recv_frame())
        self.protocol_version = r.int()
        self.negotiated_timeout = r.int()
        self.session_id = r.long()
        self.passwd = r.buffer()
        self.read_only = r.bool() if r.remaining() >= 1 else False

    def close_session(self):
        """Send closeSession and wait for its reply; then close the socket."""
        try:
            self.call(OP_CLOSE_SESSION, b"")
        finally:
            self.close_socket()

    def close_socket(self):
        try:
            self.sock.close()
        except OSError:
            pass

    # --- request / response --------------------------------------------------
    def _handle_unsolicited(self, hdr, r):
        if hdr.xid == XID_NOTIFICATION:
            self.events.append(Event(r.int(), r.int(), r.string()))
            return True
        if hdr.xid in (XID_PING, XID_AUTH):
            return True
        return False

    def read_reply(self, xid, timeout=None):
        deadline = time.monotonic() + (timeout or self.io_timeout)
        for _ in range(100000):
            frame = self.recv_frame(max(0.01, deadline - time.monotonic()))
            r = Reader(frame)
            hdr = ReplyHeader(r.int(), r.long(), r.int())
            if hdr.zxid > 0:
                self.last_zxid = hdr.zxid
            if hdr.xid == xid:
                return hdr, r
            if not self._handle_unsolicited(hdr, r):
                raise AssertionError("unexpected reply xid %d (waiting for %d)"
                                     % (hdr.xid, xid))
        raise AssertionError("too many frames")

    def send_request(self, opcode, body, xid=None):
        if xid is None:
            self.xid += 1
            xid = self.xid
        self.send_frame(enc_int(xid) + enc_int(opcode) + body)
        return xid

    def call(self, opcode, body, timeout=None):
        """Send one request; return (ReplyHeader, Reader positioned at body)."""
        xid = self.send_request(opcode, body)
        return self.read_reply(xid, timeout)

    def call_ok(self, opcode, body, name=""):
        hdr, r = self.call(opcode, body)
        if hdr.err != OK:
            raise ZkError(hdr.err, name)
        return r

    def ping(self):
        self.send_frame(enc_int(XID_PING) + enc_int(OP_PING))
        self.read_reply(XID_PING)

    def wait_events(self, count, timeout=10.0):
        """Read notifications until at least `count` are buffered (bounded)."""
        deadline = time.monotonic() + timeout
        while len(self.events) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                frame = self.recv_frame(remaining)
            except socket.timeout:
                break
            r = Reader(frame)
            hdr = ReplyHeader(r.int(), r.long(), r.int())
            if not self._handle_unsolicited(hdr, r):
                raise AssertionError("unexpected reply xid %d" % hdr.xid)
        return list(self.events)

    def no_more_events(self, quiet=0.5):
        """True if no further notification arrives within `quiet` seconds.
        (A sync round-trip first flushes anything already queued.)"""
        self.sync("/")
        before = len(self.events)
        self.wait_events(before + 1, timeout=quiet)
        return len(self.events) == before

    # --- operations ------------------------------------------------------------
    def create(self, path, data=b"", flags=PERSISTENT, acl=None, ttl=None,
               opcode=None):
        """Create via create2/createContainer/createTTL; returns (path, Stat)."""
        acl = OPEN_ACL_UNSAFE if acl is None else acl
        if opcode is None:
            if flags == CONTAINER:
                opcode = OP_CREATE_CONTAINER
            elif ttl is not None:
                opcode = OP_CREATE_TTL
            else:
                opcode = OP_CREATE2
        body = enc_string(path) + enc_buffer(data) + enc_acl(acl) + enc_int(flags)
        if opcode == OP_CREATE_TTL:
            body += enc_long(ttl)
        r = self.call_ok(opcode, body, "create")
        if opcode == OP_CREATE:
            return r.string(), None
        return r.string(), r.stat()

    def exists(self, path, watch=False):
        hdr, r = self.call(OP_EXISTS, enc_string(path) + enc_bool(watch))
        if hdr.err == E_NO_NODE:
            return None
        if hdr.err != OK:
            raise ZkError(hdr.err, "exists")
        return r.stat()

    def get(self, path, watch=False):
        r = self.call_ok(OP_GET_DATA, enc_string(path) + enc_bool(watch), "get")
        return r.buffer(), r.stat()

    def set(self, path, data, version=-1):
        r = self.call_ok(OP_SET_DATA,
                         enc_string(path) + enc_buffer(data) + enc_int(version),
                         "set")
        return r.stat()

    def delete(self, path, version=-1):
        self.call_ok(OP_DELETE, enc_string(path) + enc_int(version), "delete")

    def children(self, path, watch=False):
        r = self.call_ok(OP_GET_CHILDREN2, enc_string(path) + enc_bool(watch),
                         "getChildren2")
        return r.strings(), r.stat()

    def sync(self, path):
        r = self.call_ok(OP_SYNC, enc_string(path), "sync")
        return r.string()

    def add_watch(self, path, mode):
        self.call_ok(OP_ADD_WATCH, enc_string(path) + enc_int(mode), "addWatch")

    def remove_watches(self, path, wtype):
        """Returns the error code (0 on success)."""
        hdr, _ = self.call(OP_REMOVE_WATCHES, enc_string(path) + enc_int(wtype))
        return hdr.err

    def check_watches(self, path, wtype):
        hdr, _ = self.call(OP_CHECK_WATCHES, enc_string(path) + enc_int(wtype))
        return hdr.err

    def get_ephemerals(self, prefix):
        r = self.call_ok(OP_GET_EPHEMERALS, enc_string(prefix), "getEphemerals")
        return r.strings()

    def get_all_children_number(self, path):
        r = self.call_ok(OP_GET_ALL_CHILDREN_NUMBER, enc_string(path),
                         "getAllChildrenNumber")
        return r.int()

    def who_am_i(self):
        r = self.call_ok(OP_WHO_AM_I, b"", "whoAmI")
        n = r.int()
        return [(r.string(), r.string()) for _ in range(max(n, 0))]

    def add_auth(self, scheme, auth):
        body = enc_int(0) + enc_string(scheme) + enc_buffer(auth)
        self.send_frame(enc_int(XID_AUTH) + enc_int(OP_AUTH) + body)
        hdr, _ = self.read_reply(XID_AUTH)
        return hdr.err

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close_socket()
