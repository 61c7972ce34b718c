"""Request bodies and reply decoders for the differential tester.

Builds on tests/interop/kazoo/zkraw.py (framing, sessions, primitive
encoders); adds what zkraw has no helper for: null ACL lists, multi /
multiRead bodies, setWatches2, and a decoder per opcode that turns a reply
body into plain Python values.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kazoo"))

import zkraw  # noqa: E402  (path set up above)
from zkraw import enc_bool, enc_buffer, enc_int, enc_long, enc_string  # noqa: E402,F401

# jute.maxbuffer's default: the longest frame (length prefix excluded) a server reads
MAX_FRAME = 0xFFFFF

OP_ERROR = -1


def enc_acl(acl):
    """ACL list; None encodes a null vector (count -1)."""
    if acl is None:
        return enc_int(-1)
    out = enc_int(len(acl))
    for perms, scheme, ident in acl:
        out += enc_int(perms) + enc_string(scheme) + enc_string(ident)
    return out


def enc_strings(items):
    if items is None:
        return enc_int(-1)
    out = enc_int(len(items))
    for s in items:
        out += enc_string(s)
    return out


def multi_header(op_type, done, err):
    return enc_int(op_type) + enc_bool(done) + enc_int(err)


# --- request bodies (after the RequestHeader) --------------------------------
def create_body(opcode, path, data, acl, flags, ttl):
    body = enc_string(path) + enc_buffer(data) + enc_acl(acl) + enc_int(flags)
    if opcode == zkraw.OP_CREATE_TTL:
        body += enc_long(ttl)
    return body


def path_version_body(path, version):
    return enc_string(path) + enc_int(version)


def set_data_body(path, data, version):
    return enc_string(path) + enc_buffer(data) + enc_int(version)


def path_watch_body(path, watch):
    return enc_string(path) + enc_bool(watch)


def set_acl_body(path, acl, version):
    return enc_string(path) + enc_acl(acl) + enc_int(version)


def path_int_body(path, value):
    return enc_string(path) + enc_int(value)


def multi_body(ops):
    """ops: list of (opcode, body) already encoded."""
    out = b""
    for opcode, body in ops:
        out += multi_header(opcode, False, -1) + body
    return out + multi_header(-1, True, -1)


def set_watches2_body(rel_zxid, data, exist, child, persistent, recursive):
    return (enc_long(rel_zxid) + enc_strings(data) + enc_strings(exist) + enc_strings(child)
            + enc_strings(persistent) + enc_strings(recursive))


# --- reply decoders ------------------------------------------------------------
def read_acl(r):
    n = r.int()
    if n < 0:
        return None
    return [(r.int(), r.string(), r.string()) for _ in range(n)]


def decode_multi(r):
    """[(type, err, payload)] in order; payload is a tuple of raw values."""
    results = []
    for _ in range(10000):
        op_type, done, err = r.int(), r.bool(), r.int()
        if done:
            return results
        if op_type == zkraw.OP_CREATE:
            payload = (r.string(),)
        elif op_type == zkraw.OP_CREATE2:
            payload = (r.string(), r.stat())
        elif op_type in (zkraw.OP_DELETE, zkraw.OP_CHECK):
            payload = ()
        elif op_type == zkraw.OP_SET_DATA:
            payload = (r.stat(),)
        elif op_type == zkraw.OP_GET_CHILDREN:
            payload = (r.strings(),)
        elif op_type == zkraw.OP_GET_DATA:
            payload = (r.buffer(), r.stat())
        elif op_type == OP_ERROR:
            payload = (r.int(),)
        else:
            raise ValueError("unknown type %d in multi response" % op_type)
        results.append((op_type, err, payload))
    raise ValueError("multi response too long")


# What a successful reply body holds, per request opcode (raw values; the
# driver normalizes them).
DECODERS = {
    zkraw.OP_CREATE: lambda r: ("path", r.string()),
    zkraw.OP_CREATE2: lambda r: ("path+stat", r.string(), r.stat()),
    zkraw.OP_CREATE_CONTAINER: lambda r: ("path+stat", r.string(), r.stat()),
    zkraw.OP_CREATE_TTL: lambda r: ("path+stat", r.string(), r.stat()),
    zkraw.OP_DELETE: lambda r: ("empty",),
    zkraw.OP_SET_DATA: lambda r: ("stat", r.stat()),
    zkraw.OP_CHECK: lambda r: ("stat", r.stat()),
    zkraw.OP_EXISTS: lambda r: ("stat", r.stat()),
    zkraw.OP_GET_DATA: lambda r: ("data+stat", r.buffer(), r.stat()),
    zkraw.OP_GET_CHILDREN: lambda r: ("children", r.strings()),
    zkraw.OP_GET_CHILDREN2: lambda r: ("children+stat", r.strings(), r.stat()),
    zkraw.OP_GET_ACL: lambda r: ("acl+stat", read_acl(r), r.stat()),
    zkraw.OP_SET_ACL: lambda r: ("stat", r.stat()),
    zkraw.OP_SYNC: lambda r: ("path", r.string()),
    zkraw.OP_GET_EPHEMERALS: lambda r: ("paths", r.strings()),
    zkraw.OP_GET_ALL_CHILDREN_NUMBER: lambda r: ("number", r.int()),
    zkraw.OP_ADD_WATCH: lambda r: ("int", r.int()),
    zkraw.OP_CHECK_WATCHES: lambda r: ("int", r.int()),
    zkraw.OP_REMOVE_WATCHES: lambda r: ("int", r.int()),
    zkraw.OP_WHO_AM_I: lambda r: ("clientinfo", [(r.string(), r.string()) for _ in range(max(r.int(), 0))]),
    zkraw.OP_MULTI: lambda r: ("multi", decode_multi(r)),
    zkraw.OP_MULTI_READ: lambda r: ("multi", decode_multi(r)),
    zkraw.OP_SET_WATCHES2: lambda r: ("int", r.int()),
    zkraw.OP_SET_WATCHES: lambda r: ("int", r.int()),
    zkraw.OP_CLOSE_SESSION: lambda r: ("int", r.int()),
}


def decode(opcode, r):
    """Decode what is left in reader r for opcode; never raises.  A body that
    does not parse is summarized as ('undecodable', remaining bytes)."""
    if r.remaining() == 0:
        return None
    start = r.pos
    try:
        value = DECODERS[opcode](r)
    except (ValueError, KeyError, UnicodeDecodeError):
        r.pos = start
        return ("undecodable", r.remaining())
    if r.remaining():
        return value + (("trailing", r.remaining()),)
    return value
