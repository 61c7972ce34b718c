"""Container and TTL nodes, getEphemerals, getAllChildrenNumber.

kazoo 2.8 cannot send createContainer (19), createTTL (21),
getEphemerals (103) or getAllChildrenNumber (104), so these go through the
raw client; kazoo is used to observe the results.

The server runs with znode.container.checkIntervalMs=1000 and
zookeeper.extendedTypesEnabled=true (see zk-apache.sh / run.sh).
"""
import time

import pytest
from kazoo.protocol.states import EventType

import zkraw
from helpers import HOSTS, EventCollector, wait_until

CHECK_INTERVAL = 1.0        # znode.container.checkIntervalMs / 1000
MAX_TTL = (1 << 40) - 1     # EphemeralType.TTL.maxValue(): 0xFFFFFFFFFF ms


@pytest.fixture
def raw():
    r = zkraw.RawZk(HOSTS)
    yield r
    r.close_socket()


# ---------------------------------------------------------------------------
# containers
# ---------------------------------------------------------------------------
def test_container_create_stat(raw, zk, root):
    path, stat = raw.create(root + "/c", b"cd", flags=zkraw.CONTAINER)
    assert path == root + "/c"
    # containers look like plain persistent nodes to clients: ephemeralOwner
    # is reported as 0 although the server stores 0x8000000000000000
    assert stat.ephemeralOwner == 0
    assert stat.czxid == stat.mzxid == stat.pzxid
    assert (stat.version, stat.cversion, stat.aversion) == (0, 0, 0)
    assert stat.dataLength == 2
    assert zk.exists(path).ephemeralOwner == 0
    assert zk.get(path)[0] == b"cd"
    # creating it again is NodeExists, like any node
    with pytest.raises(zkraw.ZkError) as e:
        raw.create(root + "/c", flags=zkraw.CONTAINER)
    assert e.value.code == zkraw.E_NODE_EXISTS


def test_container_deleted_after_last_child_goes(raw, zk, root):
    never_used = root + "/unused"
    busy = root + "/busy"
    used = root + "/used"
    raw.create(never_used, flags=zkraw.CONTAINER)
    raw.create(busy, flags=zkraw.CONTAINER)
    raw.create(used, flags=zkraw.CONTAINER)
    zk.create(busy + "/kid")
    zk.create(used + "/a")
    zk.create(used + "/b")
    zk.delete(used + "/a")
    # give the ContainerManager a few sweeps: a container that never had a
    # child (cversion 0) is kept, one that still has children is kept
    # (a negative check needs a fixed wait; 2.5 sweeps)
    time.sleep(2.5 * CHECK_INTERVAL)
    assert zk.exists(never_used) is not None
    assert zk.exists(busy) is not None
    assert zk.exists(used) is not None

    deleted = EventCollector()
    parent_changed = EventCollector()
    zk.exists(used, watch=deleted)
    zk.get_children(root, watch=parent_changed)
    t0 = time.monotonic()
    zk.delete(used + "/b")
    wait_until(lambda: zk.exists(used) is None, timeout=10,
               what="container deletion")
    elapsed = time.monotonic() - t0
    # deleted by the next sweep: within about one check interval
    assert elapsed < 5 * CHECK_INTERVAL, elapsed
    assert deleted.wait(1) == [deleted.snapshot()[0]]
    assert deleted.snapshot()[0].type == EventType.DELETED
    assert parent_changed.wait(1)[0].type == EventType.CHILD
    # the others are untouched
    assert zk.exists(never_used) is not None
    assert zk.exists(busy) is not None


def test_container_with_ephemeral_child(make_client, raw, zk, root):
    c = root + "/ce"
    raw.create(c, flags=zkraw.CONTAINER)
    owner = make_client()
    owner.create(c + "/lock-", ephemeral=True, sequence=True)
    owner.stop()        # the ephemeral child goes with the session ...
    wait_until(lambda: zk.exists(c) is None, timeout=10,
               what="container deletion after ephemeral child vanished")


def test_container_children_and_nesting(raw, zk, root):
    outer = root + "/outer"
    raw.create(outer, flags=zkraw.CONTAINER)
    raw.create(outer + "/inner", flags=zkraw.CONTAINER)
    zk.create(outer + "/inner/leaf")
    # sequential children work as usual in a container
    assert zk.create(outer + "/s-", sequence=True) == outer + "/s-0000000001"
    zk.delete(outer + "/s-0000000001")
    zk.delete(outer + "/inner/leaf")
    # inner goes first (it had a child); then outer loses its last child
    wait_until(lambda: zk.exists(outer) is None, timeout=15,
               what="cascading container deletion")


# ---------------------------------------------------------------------------
# TTL nodes
# ---------------------------------------------------------------------------
def test_ttl_node_stat_and_expiry(raw, zk, root):
    ttl_ms = 1500
    t0 = time.monotonic()
    path, stat = raw.create(root + "/t", b"v", flags=zkraw.PERSISTENT_WITH_TTL,
                            ttl=ttl_ms)
    assert path == root + "/t"
    # like containers, TTL nodes report ephemeralOwner 0 (the server stores
    # 0xFF00000000000000 | ttl)
    assert stat.ephemeralOwner == 0
    assert stat.dataLength == 1
    assert zk.exists(path) is not None
    events = EventCollector()
    zk.exists(path, watch=events)
    wait_until(lambda: zk.exists(path) is None, timeout=15, what="TTL expiry")
    elapsed = time.monotonic() - t0
    # removed by the container sweep once now - mtime > ttl
    assert elapsed >= ttl_ms / 1000.0 * 0.9, elapsed
    assert elapsed < ttl_ms / 1000.0 + 5 * CHECK_INTERVAL, elapsed
    assert events.wait(1)[0].type == EventType.DELETED


def test_ttl_node_with_children_is_kept(raw, zk, root):
    path, _ = raw.create(root + "/tk", flags=zkraw.PERSISTENT_WITH_TTL, ttl=500)
    zk.create(path + "/kid")
    time.sleep(500 / 1000.0 + 2.5 * CHECK_INTERVAL)    # negative check
    assert zk.exists(path) is not None
    zk.delete(path + "/kid")
    wait_until(lambda: zk.exists(path) is None, timeout=10,
               what="TTL node deletion once empty")


def test_ttl_sequential(raw, zk, root):
    zk.create(root + "/x")
    path, stat = raw.create(root + "/ts-", flags=zkraw.PERSISTENT_SEQUENTIAL_WITH_TTL,
                            ttl=60000)
    assert path == root + "/ts-0000000001"
    assert stat.ephemeralOwner == 0
    assert zk.exists(path) is not None


@pytest.mark.parametrize("flags,ttl", [
    (zkraw.PERSISTENT_WITH_TTL, 0),            # ttl must be > 0
    (zkraw.PERSISTENT_WITH_TTL, -5),
    (zkraw.PERSISTENT_WITH_TTL, MAX_TTL + 1),  # and <= 0xFFFFFFFFFF
    (zkraw.PERSISTENT, 1000),                  # createTTL with a non-TTL mode
    (zkraw.EPHEMERAL, 1000),
    (zkraw.CONTAINER, 1000),
])
def test_ttl_bad_arguments(raw, zk, root, flags, ttl):
    with pytest.raises(zkraw.ZkError) as e:
        raw.create(root + "/bad", flags=flags, ttl=ttl, opcode=zkraw.OP_CREATE_TTL)
    assert e.value.code == zkraw.E_BAD_ARGUMENTS
    assert zk.exists(root + "/bad") is None


def test_ttl_max_value_accepted(raw, zk, root):
    path, _ = raw.create(root + "/tmax", flags=zkraw.PERSISTENT_WITH_TTL, ttl=MAX_TTL)
    assert zk.exists(path) is not None


def test_ttl_mode_via_plain_create_is_bad_arguments(raw, zk, root):
    # TTL flags through create/create2 (no ttl field -> ttl -1): -8
    for op in (zkraw.OP_CREATE, zkraw.OP_CREATE2):
        with pytest.raises(zkraw.ZkError) as e:
            raw.create(root + "/t", flags=zkraw.PERSISTENT_WITH_TTL, opcode=op)
        assert e.value.code == zkraw.E_BAD_ARGUMENTS
    assert zk.exists(root + "/t") is None


# ---------------------------------------------------------------------------
# getEphemerals / getAllChildrenNumber
# ---------------------------------------------------------------------------
def test_get_ephemerals(make_client, root):
    with zkraw.RawZk(HOSTS) as a, zkraw.RawZk(HOSTS) as b:
        assert a.get_ephemerals("/") == []
        a.create(root + "/e1", flags=zkraw.EPHEMERAL)
        a.create(root + "/e10", flags=zkraw.EPHEMERAL)
        a.create(root + "/f", flags=zkraw.EPHEMERAL)
        b.create(root + "/e2", flags=zkraw.EPHEMERAL)
        # only the caller's own session; "/" and "" mean everything
        assert sorted(a.get_ephemerals("/")) == [root + "/e1", root + "/e10", root + "/f"]
        assert sorted(a.get_ephemerals("")) == [root + "/e1", root + "/e10", root + "/f"]
        # other prefixes are plain string prefixes, not path prefixes
        assert sorted(a.get_ephemerals(root + "/e1")) == [root + "/e1", root + "/e10"]
        assert sorted(a.get_ephemerals(root + "/e")) == [root + "/e1", root + "/e10"]
        assert a.get_ephemerals(root + "/nothing") == []
        assert b.get_ephemerals("/") == [root + "/e2"]


def test_get_all_children_number(zk, root):
    with zkraw.RawZk(HOSTS) as raw:
        assert raw.get_all_children_number(root) == 0
        zk.create(root + "/a/b/c", makepath=True)
        zk.create(root + "/a/d")
        zk.create(root + "/e")
        # all descendants, not counting the node itself
        assert raw.get_all_children_number(root) == 5
        assert raw.get_all_children_number(root + "/a") == 3
        assert raw.get_all_children_number(root + "/a/b/c") == 0
        with pytest.raises(zkraw.ZkError) as e:
            raw.get_all_children_number(root + "/missing")
        assert e.value.code == zkraw.E_NO_NODE
