"""Pseudo-random request sequences for the differential tester.

A sequence is a pure function of its seed: steps never depend on what a
server answered, so the same list can be replayed against any server and
shrunk by dropping steps.  Steps are plain dicts (JSON-friendly, printable).

Paths are templates resolved by the driver:
  "{R}"      the seed's own root node (e.g. /zkdiff-1a2b-17)
  "{SEQ:k}"  the k-th sequential node this server created in the seed
             (modulo how many there are; "{R}/a" while there are none)
  None       a null string on the wire
Data is None (null), ["b", hex], ["size", n] or ["frame", d]: data sized so
that the whole request frame is jute.maxbuffer + d bytes long.
"""
import random

# "a" and "node" share a bucket of a Java HashSet of 8, "b" has the next one: ZooKeeper lists
# children neither sorted nor in order of creation, and the order is compared
NAMES = ("a", "b", "node")
SLOTS = 3

# paths ZooKeeper's PathUtils.validatePath refuses (or that are odd but valid)
ODD_PATHS = (
    "", "a", "a/b", "{R}/a/", "{R}/", "{R}//a", "{R}/./a", "{R}/../a", "{R}/.", "{R}/..",
    "{R}/a\x00b", "{R}/a\x01", "{R}/a\x7f", "{R}/\u009f", "{R}/\ufff0", "{R}/\u00e9",
    "{R}/.a", "{R}/a.", "{R}/..a", "//", "/.", "/..", "{R}/a/b/node/a", "{R}/zookeeper",
)
SPECIAL_PATHS = (
    "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config", "/zookeeper/x",
    "/zookeeper/quota/x", "/zookeeper/", "/zookeeper/config/x",
)

# the quota nodes of the sequence's root ({Q} is /zookeeper/quota followed by the root's path)
QUOTA_PATHS = ("{Q}", "{Q}/zookeeper_stats", "{Q}/zookeeper_limits", "{Q}/a/zookeeper_stats", "{Q}/a")

PERSISTENT, EPHEMERAL, PERSISTENT_SEQ, EPHEMERAL_SEQ, CONTAINER, TTL, TTL_SEQ = range(7)
OP_CREATE, OP_CREATE2, OP_CREATE_CONTAINER, OP_CREATE_TTL = 1, 15, 19, 21

LONG_TTL = 3600 * 1000
SHORT_TTL = 1

NULL_ID_ACLS = (
    [[31, "world", None]], [[31, "digest", None]], [[31, "ip", None]], [[31, "auth", None]], [[31, "foo", None]],
    [[31, "world", "anyone"], [31, None, "x"]], [[31, "world", "anyone"], [1, None, "x"]],
    [[31, "world", "anyone"], [31, "world", None]], [[31, "auth", ""], [3, "digest", None]],
)

DIGEST_USERS = ("alice:pw", "bob:pw", "alice:wrong", "nocolon")

WEIGHTS = (
    ("create", 24), ("delete", 9), ("setData", 9), ("exists", 6), ("getData", 6),
    ("getChildren", 4), ("getChildren2", 4), ("multi", 8), ("multiRead", 3),
    ("setACL", 4), ("getACL", 3), ("check", 1.5), ("sync", 1), ("getEphemerals", 2),
    ("getAllChildrenNumber", 2), ("addWatch", 3), ("removeWatches", 2.5),
    ("checkWatches", 2), ("addAuth", 2), ("closeSession", 1.5), ("whoAmI", 0.5),
    ("reconnect", 1), ("truncated", 1), ("pipeline", 3), ("quota", 1.5),
)
TRUNCATED_OPS = (1, 2, 3, 4, 5, 7, 8, 12, 13, 14, 15, 19, 21, 22)


class Generator:
    def __init__(self, seed, big_data=True, null_paths=False, ensemble=False):
        self.rng = random.Random(seed)
        self.big_data = big_data
        # a null path is something no real client sends (see README)
        self.odd_paths = ODD_PATHS + ((None,) if null_paths else ())
        self.null_strings = null_paths
        # ensemble: no check on its own, whose txn (type 13) 3.8.0's learners cannot read: they drop out and the
        # ensemble is lost for good (the leader cannot reload its own log either)
        weights = [(k, w) for k, w in WEIGHTS if not (ensemble and k == "check")]
        self.kinds = [k for k, _ in weights]
        self.weights = [w for _, w in weights]

    def sequence(self, count):
        return [self.step() for _ in range(count)]

    def step(self):
        kind = self.rng.choices(self.kinds, self.weights)[0]
        step = {"op": kind, "slot": self.rng.randrange(SLOTS)}
        step.update(getattr(self, "_" + kind)())
        return step

    # --- building blocks -------------------------------------------------
    def chance(self, p):
        return self.rng.random() < p

    def valid_path(self, min_depth=1):
        depth = self.rng.choices((0, 1, 2, 3), (3, 45, 35, 17))[0]
        depth = max(depth, min_depth)
        if depth == 0:
            return "{R}"
        return "{R}/" + "/".join(self.rng.choice(NAMES) for _ in range(depth))

    def path(self, writes_data=False):
        """A path for any request; writes_data: for setData, which never targets the quota
        nodes (ZooKeeper 3.8.0 parses their data on the next change below the quota's
        path, and shuts down when that fails)."""
        r = self.rng.random()
        if writes_data and 0.92 <= r < 0.96:
            r = 0.5
        if r < 0.12:
            return "{SEQ:%d}" % self.rng.randrange(6)
        if r < 0.84:
            return self.valid_path(min_depth=0)
        if r < 0.92:
            return self.rng.choice(self.odd_paths)
        if r < 0.96:
            return self.rng.choice(QUOTA_PATHS)
        return self.rng.choice(SPECIAL_PATHS)

    def create_path(self, sequential):
        r = self.rng.random()
        if sequential:
            if r < 0.7:
                parent = self.valid_path(min_depth=0)
                return parent + "/" + self.rng.choice(("s-", "", "a", "s-"))
            if r < 0.8:
                return "{SEQ:%d}" % self.rng.randrange(6)
            return self.rng.choice(self.odd_paths + SPECIAL_PATHS)
        if r < 0.85:
            return self.valid_path()
        if r < 0.9:
            return "{SEQ:%d}/%s" % (self.rng.randrange(6), self.rng.choice(NAMES))
        return self.rng.choice(self.odd_paths + SPECIAL_PATHS)

    def data(self):
        r = self.rng.random()
        if r < 0.06:
            return None
        if r < 0.2:
            return ["b", ""]
        if self.big_data and r < 0.212:
            return ["frame", self.rng.choice((-1, 0, 1))]
        if self.big_data and r < 0.216:
            return ["size", self.rng.choice((512 * 1024, 1024 * 1024 + 10))]
        n = self.rng.randrange(1, 12)
        return ["b", bytes(self.rng.randrange(256) for _ in range(n)).hex()]

    def small_data(self):
        d = self.data()
        return d if d is None or d[0] == "b" else ["b", "00"]

    def version(self):
        return self.rng.choices((-1, 0, 1, 2, 3, 5, -2, 2**31 - 1, -(2**31)),
                                (35, 25, 15, 10, 4, 3, 3, 2, 1))[0]

    def acl(self):
        if self.null_strings and self.chance(0.08):
            # null ids (or schemes) in ACL entries: ZooKeeper's fixupACL and removeDuplicates
            return self.rng.choice(NULL_ID_ACLS)
        r = self.rng.random()
        choices = (
            (30, [[31, "world", "anyone"]]),
            (6, [[1, "world", "anyone"]]),
            (8, [[31, "auth", ""]]),
            (6, [[31, "digest", "@alice:pw"]]),
            (4, [[1, "world", "anyone"], [31, "digest", "@alice:pw"]]),
            (4, [[31, "digest", "@bob:pw"], [31, "digest", "@alice:pw"], [31, "digest", "@bob:pw"]]),
            (6, "random-world"),
            (2, [[0, "world", "anyone"]]),
            (3, []),
            (2, None),
            (3, [[31, "foo", "bar"]]),
            (2, [[31, "digest", "alice"]]),
            (2, [[31, "digest", "alice:x:y"]]),
            (3, [[31, "ip", "127.0.0.1"]]),
            (2, [[31, "ip", "127.0.0.0/8"]]),
            (2, [[31, "ip", "999.1.1.1"]]),
            (1, [[31, "ip", "127.0.0.1/40"]]),
            (2, [[31, "world", "bob"]]),
            (2, [[31, "auth", "someone"]]),
            (1, [[64, "world", "anyone"]]),
            (1, [[-1, "world", "anyone"]]),
            (1, [[31, "sasl", "alice"]]),
            (1, [[31, "super", "alice"]]),
            (1, [[31, "world", "anyone"], [31, "world", "anyone"]]),
            (1, [[31, None, "anyone"]]),
        )
        total = sum(w for w, _ in choices)
        x = r * total
        for w, value in choices:
            if x < w:
                if value == "random-world":
                    return [[self.rng.randrange(32), "world", "anyone"]]
                return value
            x -= w
        return [[31, "world", "anyone"]]

    def create_args(self):
        flags = self.rng.choices(
            (PERSISTENT, EPHEMERAL, PERSISTENT_SEQ, EPHEMERAL_SEQ, CONTAINER, TTL, TTL_SEQ, 7, -1),
            (38, 18, 10, 10, 9, 6, 4, 2, 1))[0]
        ttl = None
        if flags == CONTAINER:
            opcode = OP_CREATE_CONTAINER if self.chance(0.85) else self.rng.choice((OP_CREATE, OP_CREATE2))
        elif flags in (TTL, TTL_SEQ):
            opcode = OP_CREATE_TTL if self.chance(0.9) else OP_CREATE2
        else:
            r = self.rng.random()
            opcode = (OP_CREATE if r < 0.3 else OP_CREATE2 if r < 0.93
                      else self.rng.choice((OP_CREATE_CONTAINER, OP_CREATE_TTL)))
        if opcode == OP_CREATE_TTL and flags in (TTL, TTL_SEQ):
            ttl = self.rng.choices((LONG_TTL, SHORT_TTL, 0, -1, 2**40 - 1, 2**40),
                                   (70, 12, 5, 4, 5, 4))[0]
        elif opcode == OP_CREATE_TTL:
            # never a negative TTL with a non-TTL mode: ZooKeeper 3.8.0 accepts that request,
            # then fails to apply its txn and shuts down
            ttl = self.rng.choice((0, 1, LONG_TTL))
        sequential = flags in (PERSISTENT_SEQ, EPHEMERAL_SEQ, TTL_SEQ)
        return {"opcode": opcode, "path": self.create_path(sequential), "data": self.data(),
                "acl": self.acl() if self.chance(0.4) else [[31, "world", "anyone"]],
                "flags": flags, "ttl": ttl}

    # --- step kinds ----------------------------------------------------------
    def _create(self):
        return self.create_args()

    def _delete(self):
        return {"path": self.path(), "version": self.version()}

    def _setData(self):
        return {"path": self.path(writes_data=True), "data": self.data(), "version": self.version()}

    def _check(self):
        return {"path": self.path(), "version": self.version()}

    def _read(self):
        return {"path": self.path(), "watch": self.chance(0.5)}

    _exists = _getData = _getChildren = _getChildren2 = _read

    def _getACL(self):
        return {"path": self.path()}

    def _setACL(self):
        path = self.path()
        acl = self.acl()
        if path is not None and not path.startswith("{"):
            # nodes every sequence shares (/, /zookeeper...): never lock them, only ACLs that change nothing
            # or are refused
            acl = self.rng.choice(([[31, "world", "anyone"]], [], [[31, "foo", "bar"]], [[31, "auth", ""]]))
        return {"path": path, "acl": acl, "version": self.version()}

    def _sync(self):
        return {"path": self.path()}

    def _getEphemerals(self):
        prefix = self.rng.choice(("/", "", "{R}", "{R}/a", "{R}/a/", "{R}/", " ", None, "{R}/b/node", "/zoo"))
        return {"path": prefix}

    def _getAllChildrenNumber(self):
        return {"path": self.path()}

    def _addWatch(self):
        return {"path": self.path(), "mode": self.rng.choices((0, 1, 2, -1), (45, 45, 6, 4))[0]}

    def _watch_query(self):
        return {"path": self.path(), "type": self.rng.choices((1, 2, 3, 0, 4), (30, 30, 30, 5, 5))[0]}

    _removeWatches = _checkWatches = _watch_query

    def _addAuth(self):
        r = self.rng.random()
        if r < 0.8:
            return {"scheme": "digest", "auth": self.rng.choice(DIGEST_USERS)}
        return {"scheme": self.rng.choice(("foo", "ip", "world", "sasl", "super")), "auth": "x"}

    def _closeSession(self):
        return {}

    def _whoAmI(self):
        return {}

    def _pipeline(self):
        ops = []
        for _ in range(self.rng.randrange(2, 5)):
            # no check: ZooKeeper 3.8.0 never answers a successful one, which would stall the pipeline
            kind = self.rng.choice(("create", "setData", "delete", "exists", "getData", "getChildren2"))
            sub = {"op": kind}
            sub.update(getattr(self, "_" + kind)())
            if kind in ("create", "setData") and sub["data"] is not None and sub["data"][0] != "b":
                sub["data"] = ["b", "01"]
            ops.append(sub)
        return {"ops": ops}

    def _quota(self):
        return {"path": self.rng.choice(("{R}", "{R}", "{R}/a", "{R}/a/b", "{R}/b")),
                "limits": self.rng.choice(("count=3,bytes=100", "count=-1,bytes=10", "countHardLimit=2",
                                           "count=2,bytes=-1,countHardLimit=5,byteHardLimit=1000"))}

    def _truncated(self):
        # a body that does not decode: a string claiming more bytes than follow
        return {"opcode": self.rng.choice(TRUNCATED_OPS), "body": self.rng.choice(("00000005", "00", ""))}

    def _reconnect(self):
        # drop the connection, reattach the session, re-send some watches
        # (what a client does after a connection loss)
        # never a null path in these lists: ActorZk reads one as "" there (ZooKeeper: MarshallingError part way)
        pick = lambda: [p for p in (self.path() for _ in range(self.rng.randrange(3))) if p is not None]  # noqa: E731
        return {"zxid": self.rng.choice(("last", "zero")), "data": pick(), "exist": pick(),
                "child": pick(), "persistent": pick(), "recursive": pick(), "v1": self.chance(0.3)}

    def multi_op(self):
        kind = self.rng.choices(("create", "delete", "setData", "check", "getData", "bogus"),
                                (40, 20, 20, 15, 3, 2))[0]
        if kind == "create":
            args = self.create_args()
            args["data"] = self.small_data()
            return dict(args, kind="create")
        if kind == "setData":
            return {"kind": kind, "path": self.path(writes_data=True), "data": self.small_data(), "version": self.version()}
        if kind in ("delete", "check"):
            return {"kind": kind, "path": self.path(), "version": self.version()}
        if kind == "getData":
            return {"kind": kind, "path": self.path()}
        return {"kind": "bogus", "type": self.rng.choice((3, 7, 99))}

    def _multi(self):
        n = self.rng.choices((0, 1, 2, 3, 4, 5), (4, 14, 30, 26, 16, 10))[0]
        return {"ops": [self.multi_op() for _ in range(n)]}

    def _multiRead(self):
        n = self.rng.choices((0, 1, 2, 3, 4), (5, 25, 35, 25, 10))[0]
        ops = []
        for _ in range(n):
            kind = self.rng.choices(("getData", "getChildren", "check", "exists"), (48, 48, 2, 2))[0]
            ops.append({"kind": kind, "path": self.path(), "version": 0})
        return {"ops": ops}
