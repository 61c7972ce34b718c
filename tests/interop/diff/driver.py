"""Runs steps against one server and returns normalized answers.

One Driver per server per sequence.  It owns the sequence's sessions (slots
0..2, opened lazily, reopened after closeSession, reattached after a dropped
connection), a probe session (creates the sequence's root, waits out
container/TTL sweeps, cleans up), and the normalization context:

* zxids become labels relative to zxids this driver saw in write replies:
  "setup" (the root's create), "z7" (step 7's reply), "z7+1" (one more than
  that), "<setup" (before the sequence), 0 stays 0;
* session ids become "s0", "s1", ... in order of opening ("probe" for the
  probe session, "other" for anything else); container and TTL owners are
  "container" / "ttl:<ms>";
* the sequence's root path becomes "{R}", its quota node
  (/zookeeper/quota + root) "{Q}";
* timestamps only say whether they are 0;
* "/" is shared with everything else on the server, so its child count,
  cversion and pzxid are masked and its children filtered.
"""
import base64
import bisect
import hashlib
import re
import socket
import time

import wire
from wire import zkraw

OP_TIMEOUT = 8.0
CHECK_TIMEOUT = 1.5
SETTLE_TIMEOUT = 8.0
SESSION_TIMEOUT_MS = 30000
SESSION_TIMEOUTS_MS = (30000, 100000, 45000)
QUOTA_ROOT = "/zookeeper/quota"
CONFIG_NODE = "/zookeeper/config"
# "" names the root node too (ZooKeeper's DataTree keeps it under both)
ROOT_PATHS = ("/", "")
# an ensemble's /zookeeper/config lists its members' addresses, which differ between the two ensembles
CONFIG_ADDRESS = re.compile(rb"[0-9.]+:[0-9]+(:[0-9]+)?")
CONTAINER_OWNER = -0x8000000000000000
TTL_MASK = -0x100000000000000  # 0xff00000000000000 as a signed long

OPCODES = {
    "delete": zkraw.OP_DELETE, "setData": zkraw.OP_SET_DATA, "check": zkraw.OP_CHECK,
    "exists": zkraw.OP_EXISTS, "getData": zkraw.OP_GET_DATA, "getChildren": zkraw.OP_GET_CHILDREN,
    "getChildren2": zkraw.OP_GET_CHILDREN2, "getACL": zkraw.OP_GET_ACL, "setACL": zkraw.OP_SET_ACL,
    "sync": zkraw.OP_SYNC, "getEphemerals": zkraw.OP_GET_EPHEMERALS,
    "getAllChildrenNumber": zkraw.OP_GET_ALL_CHILDREN_NUMBER, "addWatch": zkraw.OP_ADD_WATCH,
    "removeWatches": zkraw.OP_REMOVE_WATCHES, "checkWatches": zkraw.OP_CHECK_WATCHES,
    "whoAmI": zkraw.OP_WHO_AM_I, "multi": zkraw.OP_MULTI, "multiRead": zkraw.OP_MULTI_READ,
    "closeSession": zkraw.OP_CLOSE_SESSION,
}
WRITES = {zkraw.OP_CREATE, zkraw.OP_CREATE2, zkraw.OP_CREATE_CONTAINER, zkraw.OP_CREATE_TTL,
          zkraw.OP_DELETE, zkraw.OP_SET_DATA, zkraw.OP_CHECK, zkraw.OP_SET_ACL, zkraw.OP_MULTI,
          zkraw.OP_CLOSE_SESSION}
MULTI_KINDS = {"create": None, "delete": zkraw.OP_DELETE, "setData": zkraw.OP_SET_DATA,
               "check": zkraw.OP_CHECK, "getData": zkraw.OP_GET_DATA,
               "getChildren": zkraw.OP_GET_CHILDREN, "exists": zkraw.OP_EXISTS}


def digest_id(user_password):
    """ZooKeeper's DigestAuthenticationProvider.generateDigest."""
    user = user_password.split(":", 1)[0]
    digest = hashlib.sha1(user_password.encode("utf-8")).digest()
    return user + ":" + base64.b64encode(digest).decode("ascii")


def is_ttl_owner(owner):
    return owner != CONTAINER_OWNER and (owner & TTL_MASK) == TTL_MASK


def close_raw(raw):
    """Close a raw connection's session (best effort: it may be gone already), then its socket."""
    try:
        raw.call(zkraw.OP_CLOSE_SESSION, b"", timeout=OP_TIMEOUT)
    except (zkraw.ConnectionClosed, OSError, AssertionError, ValueError):
        pass
    raw.close_socket()


class RootExists(Exception):
    """The sequence's root is there already (left by an earlier run on the same server)."""


class Slot:
    def __init__(self):
        self.raw = None          # live RawZk connection, or None
        self.session_id = None   # current session (None: none or closed)
        self.passwd = None
        self.last_zxid = 0
        self.mark = 0            # events consumed up to here


class Driver:
    # how often, and how long, sequences waited for a container/TTL sweep (all drivers)
    settle_waits = 0
    settle_seconds = 0.0

    def __init__(self, hosts, root, name, slots=3, mask_global=False):
        # "h:p" or, spread over an ensemble, "h1:p1,h2:p2,...": slot i stays on member i (mod n), the probe on the first
        self.members = hosts.split(",")
        self.hosts = self.members[0]
        self.spread = len(self.members) > 1
        self.mask_global = mask_global  # the servers' nodes outside the root have different histories
        self.root = root
        self.name = name
        self.slots = [Slot() for _ in range(slots)]
        self.session_labels = {}
        self.sessions_opened = 0
        self.known = []          # sorted known zxids
        self.labels = {}         # zxid -> label
        self.seq_paths = []      # sequential nodes created, in order
        self.kinds = {}          # path a create returned -> "container", ("ttl", ms) or None
        self.sweepable = False   # a container or TTL node was created
        self.probe = None

    # --- setup / teardown ----------------------------------------------------
    @staticmethod
    def global_state(hosts):
        """What history has left on the nodes every sequence shares; two servers
        with equal answers can be compared there too."""
        state = []
        with zkraw.RawZk(hosts.split(",")[0], io_timeout=OP_TIMEOUT) as raw:
            for path in ("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"):
                hdr, r = raw.call(zkraw.OP_GET_CHILDREN2, wire.path_watch_body(path, False))
                if hdr.err:
                    state.append((path, hdr.err))
                    continue
                children, st = r.strings(), r.stat()
                hdr, r = raw.call(zkraw.OP_GET_DATA, wire.path_watch_body(path, False))
                data = Driver.config_data(path, r.buffer()) if hdr.err == 0 else hdr.err
                state.append((path, sorted(children), data, st.version, st.cversion, st.aversion,
                              st.numChildren, st.mzxid == 0, st.pzxid == 0))
            raw.call(zkraw.OP_CLOSE_SESSION, b"")
        return state

    def setup(self):
        self.probe = zkraw.RawZk(self.hosts, timeout_ms=SESSION_TIMEOUT_MS, io_timeout=OP_TIMEOUT)
        self.session_labels[self.probe.session_id] = "probe"
        for user in ("alice:pw", "bob:pw", "alice:wrong", "nocolon"):
            self.probe.add_auth("digest", user.encode())
        hdr, _ = self.probe.call(zkraw.OP_CREATE, wire.create_body(
            zkraw.OP_CREATE, self.root, b"", [(31, "world", "anyone")], 0, None))
        if hdr.err == zkraw.E_NODE_EXISTS:
            raise RootExists(self.root)
        if hdr.err != 0:
            raise RuntimeError("%s: cannot create %s: error %d" % (self.name, self.root, hdr.err))
        self.add_zxid(hdr.zxid, "setup")

    def teardown_probe(self):
        """Close the probe of a setup that did not go through (nothing else was opened)."""
        if self.probe is not None:
            close_raw(self.probe)
            self.probe = None

    def teardown(self):
        for i, slot in enumerate(self.slots):
            if slot.raw is None and slot.session_id is not None:
                # a connection dropped (e.g. a timeout): close its session too, or its ephemerals outlive the
                # sequence (and its root) until it expires, in the middle of another sequence
                try:
                    self.reattach(i)
                except (zkraw.ConnectionClosed, OSError, AssertionError, ValueError):
                    pass
            if slot.raw is not None:
                close_raw(slot.raw)
                slot.raw = None
        if self.probe is None:
            return
        try:
            self._remove_tree(self.root, depth=0)
            self._remove_tree(QUOTA_ROOT + self.root, depth=0)
            # nodes the sequence may have made outside its root: sequential ones under /, anything under
            # /zookeeper and /zookeeper/config, /zookeeper/quota/x (not the quota nodes of other roots)
            for parent in ("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"):
                for child in self._children(parent):
                    path = parent.rstrip("/") + "/" + child
                    if parent == "/" and child.lstrip("-").isdigit():
                        self._remove_tree(path, 0)
                    elif parent == "/zookeeper/quota" and child.startswith("zkdiff-"):
                        continue
                    elif parent != "/" and child not in ("quota", "config"):
                        self._remove_tree(path, 0)
            self.settle()
            self.probe.call(zkraw.OP_CLOSE_SESSION, b"", timeout=OP_TIMEOUT)
        except (zkraw.ConnectionClosed, OSError, AssertionError, ValueError):
            pass
        self.probe.close_socket()
        self.probe = None

    def _children(self, path):
        hdr, r = self.probe.call(zkraw.OP_GET_CHILDREN, wire.path_watch_body(path, False))
        return r.strings() if hdr.err == 0 else []

    def _remove_tree(self, path, depth):
        if depth > 8:
            return
        for child in self._children(path):
            self._remove_tree(path.rstrip("/") + "/" + child, depth + 1)
        self.probe.call(zkraw.OP_DELETE, wire.path_version_body(path, -1))

    # --- normalization ---------------------------------------------------------
    def add_zxid(self, zxid, label):
        if zxid <= 0 or zxid in self.labels:
            return
        bisect.insort(self.known, zxid)
        self.labels[zxid] = label

    def z(self, zxid):
        if zxid == 0:
            return 0
        i = bisect.bisect_right(self.known, zxid) - 1
        if i < 0:
            return "<" + self.labels[self.known[0]] if self.known else "?"
        base = self.known[i]
        return self.labels[base] if base == zxid else "%s+%d" % (self.labels[base], zxid - base)

    def owner(self, owner):
        if owner == 0:
            return 0
        if owner == CONTAINER_OWNER:
            return "container"
        if is_ttl_owner(owner):
            return "ttl:%d" % (owner & 0x000000FFFFFFFFFF)
        return self.session_labels.get(owner, "other")

    def npath(self, path):
        if path is None:
            return None
        if path == self.root or path.startswith(self.root + "/"):
            return "{R}" + path[len(self.root):]
        quota = QUOTA_ROOT + self.root
        if path == quota or path.startswith(quota + "/"):
            return "{Q}" + path[len(quota):]
        if self.mask_global and len(path) >= 10 and path[-10:].lstrip("-").isdigit():
            return path[:-10] + "#"  # a sequence number of a node outside the root: depends on history
        return path

    def stat(self, st, path):
        def sign(x):
            return (x > 0) - (x < 0)
        d = {
            "czxid": self.z(st.czxid), "mzxid": self.z(st.mzxid), "pzxid": self.z(st.pzxid),
            "m-c": sign(st.mzxid - st.czxid), "p-c": sign(st.pzxid - st.czxid), "p-m": sign(st.pzxid - st.mzxid),
            "ctime0": st.ctime == 0, "mtime0": st.mtime == 0,
            "version": st.version, "cversion": st.cversion, "aversion": st.aversion,
            "owner": self.owner(st.ephemeralOwner), "dataLength": st.dataLength,
            "numChildren": st.numChildren,
        }
        if path in ROOT_PATHS:
            for key in ("pzxid", "p-c", "p-m", "cversion", "numChildren"):
                d[key] = "*"
        if self.mask_global and self.is_global(path):
            for key in d:
                if key not in ("czxid", "ctime0", "owner"):
                    d[key] = "*"
        return d

    def is_global(self, path):
        """A path outside the sequence's root (/, /zookeeper, ...)."""
        return isinstance(path, str) and path != self.root and not path.startswith(self.root + "/")

    def children(self, names, path):
        """Children in the order given: ZooKeeper lists a Java HashSet, whose order ActorZk
        reproduces. Under / only the root and zookeeper count, sorted: / holds what every
        sequence before left (a timed-out session's nodes can outlive it on one server only),
        so its table size, hence order, is history; with mask_global, nodes outside the root
        (with different pasts) are sorted too."""
        if names is None:
            return None
        if path in ROOT_PATHS:
            mine = self.root.lstrip("/")
            return sorted("{R}" if n == mine else n for n in names if n in ("zookeeper", mine))
        if self.mask_global and self.is_global(path):
            names = [n for n in names if n in ("quota", "config")]
        names = ["{R}" if "/" + n == self.root else n for n in names]
        return sorted(names) if self.mask_global and self.is_global(path) else names

    @staticmethod
    def config_data(path, value):
        return CONFIG_ADDRESS.sub(b"ADDR", value) if path == CONFIG_NODE and value else value

    @staticmethod
    def data(value):
        if value is None or len(value) <= 64:
            return value if value is None else value.hex()
        return "len=%d sha1=%s" % (len(value), hashlib.sha1(value).hexdigest()[:12])

    def norm_body(self, opcode, body, path):
        """Normalize a decoded reply body (see wire.DECODERS)."""
        if body is None or body[0] == "undecodable":
            return body
        tag, rest = body[0], list(body[1:])
        trailing = [x for x in rest if isinstance(x, tuple) and x[:1] == ("trailing",)]
        rest = [x for x in rest if x not in trailing]
        if tag == "path":
            out = [tag, self.npath(rest[0])]
        elif tag == "path+stat":
            out = [tag, self.npath(rest[0]), self.stat(rest[1], rest[0])]
        elif tag == "stat":
            out = [tag, self.stat(rest[0], path)]
        elif tag == "data+stat":
            data = "*" if self.mask_global and self.is_global(path) else self.data(self.config_data(path, rest[0]))
            out = [tag, data, self.stat(rest[1], path)]
        elif tag == "children":
            out = [tag, self.children(rest[0], path)]
        elif tag == "children+stat":
            out = [tag, self.children(rest[0], path), self.stat(rest[1], path)]
        elif tag == "acl+stat":
            out = [tag, rest[0], self.stat(rest[1], path)]
        elif tag == "paths":
            # getEphemerals: in the order of ZooKeeper's HashSet, which ActorZk reproduces
            out = [tag, None if rest[0] is None else [self.npath(p) for p in rest[0]]]
        elif tag == "number":
            out = [tag, "*" if path in ROOT_PATHS else rest[0]]
        elif tag == "multi":
            out = [tag, self.norm_multi(rest[0], body_paths=path)]
        else:
            out = [tag] + rest
        return out + [list(t) for t in trailing]

    def norm_multi(self, results, body_paths):
        out = []
        for i, (op_type, err, payload) in enumerate(results):
            path = body_paths[i] if isinstance(body_paths, list) and i < len(body_paths) else None
            if op_type == zkraw.OP_CREATE:
                item = [self.npath(payload[0])]
            elif op_type == zkraw.OP_CREATE2:
                item = [self.npath(payload[0]), self.stat(payload[1], payload[0])]
            elif op_type == zkraw.OP_SET_DATA:
                item = [self.stat(payload[0], path)]
            elif op_type == zkraw.OP_GET_CHILDREN:
                item = [self.children(payload[0], path)]
            elif op_type == zkraw.OP_GET_DATA:
                data = "*" if self.mask_global and self.is_global(path) else self.data(self.config_data(path, payload[0]))
                item = [data, self.stat(payload[1], path)]
            else:
                item = list(payload)
            out.append([op_type, err] + item)
        return out

    # --- path / data resolution ------------------------------------------------
    def resolve(self, template):
        if template is None:
            return None
        if template.startswith("{SEQ:"):
            end = template.index("}")
            k = int(template[5:end])
            base = self.seq_paths[k % len(self.seq_paths)] if self.seq_paths else self.root + "/a"
            return base + template[end + 1:]
        return template.replace("{Q}", QUOTA_ROOT + self.root).replace("{R}", self.root)

    @staticmethod
    def fixed_data(spec):
        if spec is None:
            return None
        if spec[0] == "b":
            return bytes.fromhex(spec[1])
        if spec[0] == "size":
            return b"x" * spec[1]
        return None  # "frame": sized by the caller

    def acl(self, acl):
        if acl is None:
            return None
        out = []
        for perms, scheme, ident in acl:
            if ident is not None and ident.startswith("@"):
                ident = digest_id(ident[1:])
            out.append((perms, scheme, ident))
        return out

    # --- sessions ----------------------------------------------------------------
    def open_session(self, slot):
        s = self.slots[slot]
        # every timeout asked for is long enough for a sequence (the server clamps to 60 s at most)
        asked = SESSION_TIMEOUTS_MS[self.sessions_opened % len(SESSION_TIMEOUTS_MS)]
        s.raw = zkraw.RawZk(self.member_of(slot), timeout_ms=asked, io_timeout=OP_TIMEOUT)
        s.session_id, s.passwd, s.mark = s.raw.session_id, s.raw.passwd, 0
        label = "s%d" % self.sessions_opened
        self.sessions_opened += 1
        self.session_labels[s.session_id] = label
        return [label, s.raw.protocol_version, s.raw.negotiated_timeout, len(s.raw.passwd or b""), s.raw.read_only]

    def member_of(self, slot):
        return self.members[slot % len(self.members)]

    def ensure(self, slot):
        """Make the slot usable; return what had to be done (None if nothing)."""
        s = self.slots[slot]
        if s.raw is not None:
            return None
        done = []
        if s.session_id is not None:
            done += ["reattached", self.reattach(slot)]
        if s.raw is None:
            done += ["opened", self.open_session(slot)]
        return done

    def reattach(self, slot):
        s = self.slots[slot]
        try:
            s.raw = zkraw.RawZk(self.member_of(slot), timeout_ms=SESSION_TIMEOUT_MS, session_id=s.session_id,
                                passwd=s.passwd, io_timeout=OP_TIMEOUT, last_zxid=s.last_zxid)
            s.mark = 0
        except (zkraw.ConnectionClosed, OSError, ValueError) as e:
            s.raw, s.session_id = None, None
            return "failed:" + type(e).__name__
        if s.raw.negotiated_timeout <= 0 or s.raw.session_id != s.session_id:
            s.raw.close_socket()
            s.raw, s.session_id = None, None
            return "expired"
        return "ok"

    def drop(self, slot):
        s = self.slots[slot]
        if s.raw is not None:
            s.last_zxid = s.raw.last_zxid
            s.raw.close_socket()
            s.raw = None

    # --- running one step ---------------------------------------------------
    def run(self, index, step):
        """Run step number `index`; return its normalized outcome."""
        slot = step["slot"]
        out = {}
        prep = self.ensure(slot)
        if prep:
            out["session"] = prep
        handler = getattr(self, "do_" + step["op"])
        out["reply"] = handler(index, step, slot)
        if self.slots[slot].raw is None and self.slots[slot].session_id is not None:
            # connection dropped by the server: reattach now, before the session could expire
            out["reattach"] = self.reattach(slot)
        if self.sweepable:
            settled = self.settle()
            if settled != "ok":
                out["settle"] = settled
        out["events"] = self.flush(slot)
        return out

    def flush(self, acting):
        """Round-trip every live slot so that events already due arrive; return
        each slot's events since the last flush (acting slot: split at its reply)."""
        events = {}
        for i, s in enumerate(self.slots):
            if s.raw is None:
                continue
            try:
                if self.spread:
                    # another member may not have applied the step's txns yet: a sync first, so that its events
                    # are due (and its reads in the next step see them) as on one member
                    s.raw.call(zkraw.OP_SYNC, wire.enc_string("/"), timeout=OP_TIMEOUT)
                s.raw.call(zkraw.OP_EXISTS, wire.path_watch_body("/", False), timeout=OP_TIMEOUT)
            except (zkraw.ConnectionClosed, OSError, ValueError, AssertionError) as e:
                events["flush%d" % i] = type(e).__name__
                self.drop(i)
                continue
            new = [[e.type, e.state, self.npath(e.path)] for e in s.raw.events[s.mark:]]
            s.mark = len(s.raw.events)
            if new:
                events["after%d" % i if i == acting else "slot%d" % i] = new
        return events

    def call(self, slot, opcode, body, path=None, label=None, timeout=OP_TIMEOUT):
        """Send a request on a slot; return its normalized reply.  label names
        the zxid of a write's reply (None: not a step's own write)."""
        s = self.slots[slot]
        try:
            xid = s.raw.send_request(opcode, body)
        except OSError:
            self.drop(slot)
            return {"conn": "closed"}
        return self.receive(slot, xid, opcode, path, label, timeout)

    def receive(self, slot, xid, opcode, path, label, timeout=OP_TIMEOUT):
        s = self.slots[slot]
        try:
            hdr, r = s.raw.read_reply(xid, timeout=timeout)
        except socket.timeout:
            self.drop(slot)
            return {"conn": "timeout"}
        except (zkraw.ConnectionClosed, OSError):
            # EOF, reset or broken pipe alike: the server closed the connection
            self.drop(slot)
            return {"conn": "closed"}
        except (AssertionError, ValueError) as e:
            self.drop(slot)
            return {"conn": "protocol", "why": str(e)}
        s.last_zxid = s.raw.last_zxid
        before = [[e.type, e.state, self.npath(e.path)] for e in s.raw.events[s.mark:]]
        s.mark = len(s.raw.events)
        if opcode in WRITES and label is not None:
            zx = self.z(hdr.zxid)
            self.add_zxid(hdr.zxid, label)
            zx = zx if zx == self.z(hdr.zxid) else "new:" + zx
        else:
            zx = self.z(hdr.zxid)
        reply = {"err": hdr.err, "zxid": zx}
        body = wire.decode(opcode, r)
        if body is not None:
            reply["body"] = self.norm_body(opcode, body, path)
        if before:
            reply["events_before"] = before
        return reply

    # --- request encoding ----------------------------------------------------------
    def _data_for(self, spec, body_without_data_len):
        if spec is not None and spec[0] == "frame":
            # frame = xid + type (8) + body; the data buffer adds 4 + n
            n = wire.MAX_FRAME + spec[1] - 8 - body_without_data_len
            return b"x" * max(n, 0)
        return self.fixed_data(spec)

    def encode(self, step):
        """(opcode, body, path for normalization) of a request-shaped step."""
        op = step["op"]
        if op == "create":
            opcode, flags = step["opcode"], step["flags"]
            path, acl = self.resolve(step["path"]), self.acl(step["acl"])
            ttl = step["ttl"] if step["ttl"] is not None else 0
            base = len(wire.create_body(opcode, path, b"", acl, flags, ttl))
            data = self._data_for(step["data"], base)
            return opcode, wire.create_body(opcode, path, data, acl, flags, ttl), path
        if op == "truncated":
            return step["opcode"], bytes.fromhex(step["body"]), None
        if op == "whoAmI":
            return zkraw.OP_WHO_AM_I, b"", None
        if op in ("multi", "multiRead"):
            encoded = [self._multi_op(o) for o in step["ops"]]
            body = wire.multi_body([(opc, b) for opc, b, _ in encoded])
            opcode = zkraw.OP_MULTI if op == "multi" else zkraw.OP_MULTI_READ
            return opcode, body, [p for _, _, p in encoded]
        path = self.resolve(step["path"])
        opcode = OPCODES[op]
        if op == "setData":
            base = len(wire.set_data_body(path, b"", step["version"]))
            data = self._data_for(step["data"], base)
            return opcode, wire.set_data_body(path, data, step["version"]), path
        if op in ("delete", "check"):
            return opcode, wire.path_version_body(path, step["version"]), path
        if op in ("exists", "getData", "getChildren", "getChildren2"):
            return opcode, wire.path_watch_body(path, step["watch"]), path
        if op in ("getACL", "sync", "getEphemerals", "getAllChildrenNumber"):
            return opcode, wire.enc_string(path), path
        if op == "setACL":
            return opcode, wire.set_acl_body(path, self.acl(step["acl"]), step["version"]), path
        if op == "addWatch":
            return opcode, wire.path_int_body(path, step["mode"]), path
        if op in ("removeWatches", "checkWatches"):
            return opcode, wire.path_int_body(path, step["type"]), path
        raise ValueError("no encoding for step %r" % op)

    def _multi_op(self, op):
        kind = op["kind"]
        if kind == "create":
            path, acl = self.resolve(op["path"]), self.acl(op["acl"])
            ttl = op["ttl"] if op["ttl"] is not None else 0
            data = self.fixed_data(op["data"])
            return op["opcode"], wire.create_body(op["opcode"], path, data, acl, op["flags"], ttl), path
        if kind == "bogus":
            return op["type"], wire.enc_string(self.root) + wire.enc_bool(False), None
        path = self.resolve(op["path"])
        if kind == "setData":
            return zkraw.OP_SET_DATA, wire.set_data_body(path, self.fixed_data(op["data"]), op["version"]), path
        if kind in ("delete", "check"):
            return MULTI_KINDS[kind], wire.path_version_body(path, op["version"]), path
        return MULTI_KINDS[kind], wire.path_watch_body(path, True), path

    # --- handlers ------------------------------------------------------------------
    def _learn_create(self, path, flags, kind):
        if path is None:
            return
        self.kinds[path] = kind
        if flags in (2, 3, 6) and path not in self.seq_paths:
            self.seq_paths.append(path)
        if kind is not None:
            self.sweepable = True

    def learn(self, step, reply):
        """Remember the nodes a create or multi made: sequential names, and
        which are containers or TTL nodes (a Stat shows neither: their owner
        reads 0)."""
        body = reply.get("body")
        if not body or reply.get("err") != 0:
            return
        if step["op"] == "create" and body[0].startswith("path") and body[1]:
            # a createContainer request makes a container whatever its flags
            opcode, flags = step["opcode"], step["flags"]
            kind = ("container" if opcode == zkraw.OP_CREATE_CONTAINER
                    else ("ttl", step["ttl"]) if opcode == zkraw.OP_CREATE_TTL and flags in (5, 6) else None)
            self._learn_create(body[1].replace("{R}", self.root, 1), flags, kind)
        elif step["op"] == "multi" and body[0] == "multi":
            for op, res in zip(step["ops"], body[1]):
                if op["kind"] == "create" and res[0] in (zkraw.OP_CREATE, zkraw.OP_CREATE2) and res[2]:
                    # in a multi the flags decide the kind (MultiOperationRecord rebuilds the op from them)
                    flags = op["flags"]
                    kind = ("container" if flags == 4
                            else ("ttl", op["ttl"]) if flags in (5, 6) and op["opcode"] == zkraw.OP_CREATE_TTL else None)
                    self._learn_create(res[2].replace("{R}", self.root, 1), flags, kind)

    def do_request(self, index, step, slot):
        opcode, body, path = self.encode(step)
        # 3.8.0 never answers a successful check on its own (its reply fails to serialize): wait less for it
        timeout = CHECK_TIMEOUT if opcode == zkraw.OP_CHECK else OP_TIMEOUT
        reply = self.call(slot, opcode, body, path, "z%d" % index, timeout)
        self.learn(step, reply)
        return reply

    do_create = do_delete = do_setData = do_check = do_exists = do_getData = do_request
    do_getChildren = do_getChildren2 = do_getACL = do_setACL = do_sync = do_request
    do_getEphemerals = do_getAllChildrenNumber = do_addWatch = do_request
    do_removeWatches = do_checkWatches = do_whoAmI = do_truncated = do_request
    do_multi = do_multiRead = do_request

    def do_pipeline(self, index, step, slot):
        """Several requests sent back to back, then their replies read in order."""
        s = self.slots[slot]
        encoded = [self.encode(sub) for sub in step["ops"]]
        xids = []
        try:
            for opcode, body, _ in encoded:
                xids.append(s.raw.send_request(opcode, body))
        except OSError:
            self.drop(slot)
            return {"conn": "closed", "sent": len(xids)}
        replies = []
        for k, ((opcode, _, path), xid, sub) in enumerate(zip(encoded, xids, step["ops"])):
            reply = self.receive(slot, xid, opcode, path, "z%d.%d" % (index, k))
            self.learn(sub, reply)
            replies.append(reply)
            if "conn" in reply:
                break
        return {"pipeline": replies}

    def do_quota(self, index, step, slot):
        """What zkCli's setquota does: the quota path's nodes, then zookeeper_limits and zookeeper_stats."""
        target = self.resolve(step["path"])
        parts = target.strip("/").split("/")
        paths = [QUOTA_ROOT + "/" + "/".join(parts[:k]) for k in range(1, len(parts) + 1)]
        requests = [(p, None) for p in paths]
        requests.append((paths[-1] + "/zookeeper_limits", step["limits"].encode()))
        requests.append((paths[-1] + "/zookeeper_stats", b"count=0,bytes=0"))
        replies = []
        for k, (path, data) in enumerate(requests):
            body = wire.create_body(zkraw.OP_CREATE, path, data, [(31, "world", "anyone")], 0, None)
            reply = self.call(slot, zkraw.OP_CREATE, body, path, "z%d.%d" % (index, k))
            replies.append(reply)
            if "conn" in reply:
                break
        return {"quota": replies}

    def do_closeSession(self, index, step, slot):
        reply = self.call(slot, zkraw.OP_CLOSE_SESSION, b"", None, "z%d" % index)
        s = self.slots[slot]
        if s.raw is not None:
            # the server closes the connection after the reply
            reply["then"] = self._wait_closed(s.raw, 3.0)
            s.raw.close_socket()
            s.raw = None
        s.session_id = None
        return reply

    def _wait_closed(self, raw, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                raw.recv_frame(max(0.01, deadline - time.monotonic()))
            except socket.timeout:
                return "open"
            except (zkraw.ConnectionClosed, OSError):
                return "closed"
            except ValueError:
                return "garbage"
        return "open"

    def do_addAuth(self, index, step, slot):
        s = self.slots[slot]
        auth = step["auth"].encode()
        try:
            body = wire.enc_int(0) + wire.enc_string(step["scheme"]) + wire.enc_buffer(auth)
            s.raw.send_frame(wire.enc_int(zkraw.XID_AUTH) + wire.enc_int(zkraw.OP_AUTH) + body)
            hdr, r = s.raw.read_reply(zkraw.XID_AUTH, timeout=OP_TIMEOUT)
        except socket.timeout:
            self.drop(slot)
            return {"conn": "timeout"}
        except (zkraw.ConnectionClosed, OSError):
            self.drop(slot)
            return {"conn": "closed"}
        reply = {"err": hdr.err, "zxid": hdr.zxid if hdr.zxid <= 0 else self.z(hdr.zxid)}
        if r.remaining():
            reply["body"] = ("bytes", r.remaining())
        if hdr.err != 0:
            reply["then"] = self._wait_closed(s.raw, 3.0)
            self.drop(slot)
        return reply

    def do_reconnect(self, index, step, slot):
        s = self.slots[slot]
        rel = s.raw.last_zxid if step["zxid"] == "last" else 0
        self.drop(slot)
        out = {"reattach": self.reattach(slot)}
        if s.raw is None:
            return out
        lists = [[self.resolve(p) for p in step[k]] for k in ("data", "exist", "child", "persistent", "recursive")]
        if step.get("v1"):
            # the older setWatches (3.5 clients): no persistent watches
            body = wire.enc_long(rel) + wire.enc_strings(lists[0]) + wire.enc_strings(lists[1]) + wire.enc_strings(lists[2])
            out["setWatches"] = self.call(slot, zkraw.OP_SET_WATCHES, body, None, None)
        elif any(lists):
            out["setWatches2"] = self.call(slot, zkraw.OP_SET_WATCHES2, wire.set_watches2_body(rel, *lists), None, None)
        return out

    # --- container / TTL sweeps ---------------------------------------------------------
    def _sweep_pending(self):
        """Paths the server's container/TTL sweep is bound to delete."""
        pending = []
        for path, kind in sorted(self.kinds.items()):
            if kind is None or (kind != "container" and kind[1] >= 10000):
                continue
            hdr, r = self.probe.call(zkraw.OP_EXISTS, wire.path_watch_body(path, False))
            if hdr.err != 0:
                continue
            st = r.stat()
            # ContainerManager: an empty container that has had a child; an empty TTL node past its TTL
            if st.numChildren == 0 and (kind != "container" or st.cversion > 0):
                pending.append(path)
        return pending

    def settle(self):
        """Wait (bounded) until no created container/TTL node awaits the sweep,
        so that what follows does not race with it."""
        start = time.monotonic()
        deadline = start + SETTLE_TIMEOUT
        if self.spread:
            # the probe's member may not have applied the step's creates yet: it would see nothing pending
            try:
                self.probe.call(zkraw.OP_SYNC, wire.enc_string("/"), timeout=OP_TIMEOUT)
            except socket.timeout:
                return "timeout: the probe's sync"  # an outcome to compare (and confirm), not a tool error
        while True:
            pending = self._sweep_pending()
            if not pending:
                if time.monotonic() - start > 0.01:
                    Driver.settle_waits += 1
                    Driver.settle_seconds += time.monotonic() - start
                return "ok"
            if time.monotonic() > deadline:
                return "timeout: " + " ".join(self.npath(p) for p in pending)
            time.sleep(0.05)
