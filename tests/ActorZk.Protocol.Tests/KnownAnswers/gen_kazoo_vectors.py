#!/usr/bin/python3
"""Prints the known-answer vectors pasted into KazooVectorTests.cs.

Run with the system Python and the Debian package python3-kazoo (2.8.0):
    /usr/bin/python3 tests/ActorZk.Protocol.Tests/KnownAnswers/gen_kazoo_vectors.py

Requests are whole frames produced by kazoo itself: the request object's serialize() framed by
kazoo's ConnectionHandler._submit (length prefix, xid, type). Replies are not something kazoo can
encode, so they are packed here with struct in ZooKeeper's layout and then checked by parsing them
with kazoo's own deserializers, which is what a kazoo client would do with our bytes.
"""
import struct

from kazoo.protocol.connection import ConnectionHandler
from kazoo.protocol import serialization as s
from kazoo.security import ACL, Id


class _Capture:
    """Stands in for a connection so that kazoo's _submit can frame a request."""

    class logger:
        @staticmethod
        def log(*args, **kwargs):
            pass

    def __init__(self):
        self.out = b""

    def _write(self, msg, timeout):
        self.out += bytes(msg)


def frame(request, xid=None):
    cap = _Capture()
    ConnectionHandler._submit(cap, request, 10, xid)
    return cap.out


def emit(name, data):
    print(f'{name} = "{bytes(data).hex()}"')


OPEN = [ACL(31, Id("world", "anyone"))]

# ---- requests, as framed by kazoo ----
emit("ConnectNew", frame(s.Connect(0, 0, 30000, 0, b"\x00" * 16, False)))
emit("ConnectResume", frame(s.Connect(0, 0x100000005, 10000, 0x0123456789ABCDEF, bytes(range(16)), True)))
emit("Create", frame(s.Create("/app/node-", b"hello", OPEN, 3), xid=1))
emit("Create2NullData", frame(s.Create2("/app/c", None, [ACL(1, Id("digest", "bob:hash=")), ACL(16, Id("ip", "10.0.0.1"))], 4), xid=2))
emit("Delete", frame(s.Delete("/app/node-0000000001", -1), xid=3))
emit("Exists", frame(s.Exists("/app", True), xid=4))
emit("GetData", frame(s.GetData("/app/\u00e9t\u00e9", True), xid=5))
emit("SetData", frame(s.SetData("/app", b"\x00\xff\x10", 7), xid=6))
emit("GetAcl", frame(s.GetACL("/app"), xid=7))
emit("SetAcl", frame(s.SetACL("/app", OPEN, 2), xid=8))
emit("GetChildren", frame(s.GetChildren("/", False), xid=9))
emit("Sync", frame(s.Sync("/app"), xid=10))
emit("GetChildren2", frame(s.GetChildren2("/app", True), xid=11))
emit("Transaction", frame(s.Transaction([
    s.Create("/t/a", b"x", OPEN, 0),
    s.Create2("/t/b", b"", OPEN, 1),
    s.Delete("/t/old", 5),
    s.SetData("/t", b"yz", -1),
    s.CheckVersion("/t", 3),
]), xid=12))
emit("Reconfig", frame(s.Reconfig("server.4=h4:2888:3888;2181", "3", "server.1=h1:2888:3888", -1), xid=13))
# kazoo writes None (and "") as a null string (-1): decodes as empty, re-encodes as length 0.
emit("ReconfigNulls", frame(s.Reconfig("server.4=h4:2888:3888;2181", None, None, 42), xid=14))
emit("Auth", frame(s.Auth(0, "digest", "user:secret"), xid=-4))
emit("Sasl", frame(s.SASL(b"\x01\x02\x03"), xid=15))
emit("Close", frame(s.Close(), xid=16))
emit("Ping", frame(s.Ping(), xid=-2))


# ---- replies, packed here in ZooKeeper's layout and checked with kazoo's deserializers ----
def jstr(v):
    b = v.encode("utf-8")
    return struct.pack("!i", len(b)) + b


def jbuf(v):
    return struct.pack("!i", -1) if v is None else struct.pack("!i", len(v)) + v


STAT = (10, 11, 1700000000000, 1700000000001, 2, 3, 1, 0, 5, 0, 12)
stat = s.stat_struct.pack(*STAT)

body = struct.pack("!iiq", 0, 30000, 0x0123456789ABCDEF) + jbuf(bytes(range(16))) + b"\x00"
resp, _ = s.Connect.deserialize(body, 0)
assert (resp.time_out, resp.session_id, resp.passwd, resp.read_only) == (30000, 0x0123456789ABCDEF, bytes(range(16)), False)
emit("ConnectResponse", body)

header = struct.pack("!iqi", 5, 0x100000007, 0)
assert s.ReplyHeader.deserialize(header, 0)[0] == (5, 0x100000007, 0)
body = jbuf(b"hello") + stat
data, st = s.GetData.deserialize(body, 0)
assert data == b"hello" and tuple(st) == STAT
emit("GetDataReply", header + body)

body = jstr("/app/node-0000000001") + stat
path, st = s.Create2.deserialize(body, 0)
assert path == "/app/node-0000000001" and tuple(st) == STAT
emit("Create2Response", body)

# A watch notification: xid -1, the change's zxid, err 0, then WatcherEvent(NodeDataChanged, SyncConnected, path).
header = struct.pack("!iqi", -1, 0x100000009, 0)
body = struct.pack("!ii", 3, 3) + jstr("/app")
assert s.Watch.deserialize(body, 0)[0] == (3, 3, "/app")
emit("Notification", header + body)


def mh(t, done, err):
    return s.MultiHeader(t, done, err).serialize()


# kazoo's Transaction.deserialize has no branch for create2 (15) results, so none is used here.
body = (mh(1, False, 0) + jstr("/t/a")
        + mh(2, False, 0)
        + mh(5, False, 0) + stat
        + mh(13, False, 0)
        + mh(-1, True, -1))
results = s.Transaction.deserialize(bytes(body), 0)
assert results[0] == "/t/a" and results[1] is True and tuple(results[2]) == STAT and results[3] is True
emit("MultiResponseOk", body)

# A failed multi: Ok before the failing op, NoNode (-101) for it, RuntimeInconsistency (-2) after.
body = (mh(-1, False, 0) + struct.pack("!i", 0)
        + mh(-1, False, -101) + struct.pack("!i", -101)
        + mh(-1, False, -2) + struct.pack("!i", -2)
        + mh(-1, True, -1))
results = s.Transaction.deserialize(bytes(body), 0)
assert [type(r).__name__ for r in results] == ["RolledBackError", "NoNodeError", "RuntimeInconsistency"], results
emit("MultiResponseFailed", body)
