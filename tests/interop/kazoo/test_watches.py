"""Watches: one-shot data / exists / child watches through kazoo; persistent
and persistent-recursive watches, removeWatches / checkWatches and
setWatches through the raw client (kazoo 2.8 has no add_watch, no
remove_watches and does not re-register watches after a reconnect)."""
import pytest
from kazoo.protocol.states import EventType, KeeperState, WatchedEvent

import zkraw
from helpers import HOSTS, EventCollector, unique


def flush(zk, root):
    """Barrier: ZooKeeper delivers notifications in order on a connection and
    kazoo runs callbacks in order on one thread, so once this sentinel's
    CREATED event has been delivered every earlier event has been too."""
    sentinel = root + "/" + unique("flush")
    got = EventCollector()
    assert zk.exists(sentinel, watch=got) is None
    zk.create(sentinel)
    got.wait(1)
    zk.delete(sentinel)


def ev(type_, path):
    return WatchedEvent(type_, KeeperState.CONNECTED, path)


# ---------------------------------------------------------------------------
# one-shot watches (kazoo)
# ---------------------------------------------------------------------------
def test_data_watch_fires_once(zk, zk2, root):
    node = root + "/d"
    zk.create(node, b"0")
    events = EventCollector()
    zk.get(node, watch=events)
    zk2.set(node, b"1")
    assert events.wait(1) == [ev(EventType.CHANGED, node)]
    zk2.set(node, b"2")             # watch already consumed
    flush(zk, root)
    assert events.snapshot() == [ev(EventType.CHANGED, node)]


def test_data_watch_on_delete(zk, zk2, root):
    node = root + "/d"
    zk.create(node)
    events = EventCollector()
    zk.get(node, watch=events)
    zk2.delete(node)
    assert events.wait(1) == [ev(EventType.DELETED, node)]


def test_exists_watch_on_missing_node_fires_on_create(zk, zk2, root):
    node = root + "/later"
    events = EventCollector()
    assert zk.exists(node, watch=events) is None
    zk2.create(node, b"x")
    assert events.wait(1) == [ev(EventType.CREATED, node)]
    # consumed: further changes do not fire
    zk2.set(node, b"y")
    zk2.delete(node)
    flush(zk, root)
    assert len(events.snapshot()) == 1


def test_exists_watch_on_existing_node(zk, zk2, root):
    node = root + "/e"
    zk.create(node)
    changed = EventCollector()
    assert zk.exists(node, watch=changed) is not None
    zk2.set(node, b"v")
    assert changed.wait(1) == [ev(EventType.CHANGED, node)]
    deleted = EventCollector()
    zk.exists(node, watch=deleted)
    zk2.delete(node)
    assert deleted.wait(1) == [ev(EventType.DELETED, node)]


def test_child_watch(zk, zk2, root):
    parent = root + "/p"
    zk.create(parent)
    events = EventCollector()
    assert zk.get_children(parent, watch=events) == []
    zk2.create(parent + "/c1")
    # the event carries the *parent* path
    assert events.wait(1) == [ev(EventType.CHILD, parent)]
    # data changes on children / the parent do not fire child watches
    events2 = EventCollector()
    zk.get_children(parent, watch=events2)
    zk2.set(parent + "/c1", b"x")
    zk2.set(parent, b"x")
    zk2.create(parent + "/c1/grandchild")     # not a direct child
    flush(zk, root)
    assert events2.snapshot() == []
    zk2.delete(parent + "/c1", recursive=True)
    assert events2.wait(1) == [ev(EventType.CHILD, parent)]


def test_child_watch_gets_deleted_event_when_node_goes(zk, zk2, root):
    parent = root + "/p"
    zk.create(parent)
    events = EventCollector()
    zk.get_children(parent, watch=events)
    zk2.delete(parent)
    # a child watch on a deleted node fires NodeDeleted (not ChildrenChanged)
    assert events.wait(1) == [ev(EventType.DELETED, parent)]


def test_set_acl_and_failed_ops_do_not_fire(zk, zk2, root):
    node = root + "/n"
    zk.create(node)
    events = EventCollector()
    zk.get(node, watch=events)
    zk.get_children(node, watch=events)
    from kazoo.security import OPEN_ACL_UNSAFE
    zk2.set_acls(node, OPEN_ACL_UNSAFE)       # ACL changes fire no watch
    from kazoo.exceptions import BadVersionError
    with pytest.raises(BadVersionError):
        zk2.set(node, b"x", version=42)
    flush(zk, root)
    assert events.snapshot() == []


def test_events_skip_sessions_that_may_not_read_the_node(zk, zk2, root):
    """SURPRISE: the Debian 3.8.0 packages carry the CVE-2024-23944 fix, so an
    event reaches only sessions with READ on the node's ACL (the parent's for
    a child event); the one-shot watch is used up all the same.  (Found by
    the differential tester, tests/interop/diff.)"""
    from kazoo.security import make_digest_acl
    zk.add_auth("digest", "alice:secret")
    secret, opened = root + "/secret", root + "/open"
    events = EventCollector()
    assert zk2.exists(secret, watch=events) is None
    assert zk2.exists(opened, watch=events) is None
    zk.create(secret, acl=[make_digest_acl("alice", "secret", all=True)])
    zk.create(opened)
    assert events.wait(1) == [ev(EventType.CREATED, opened)]
    flush(zk2, root)
    assert events.snapshot() == [ev(EventType.CREATED, opened)]


def test_each_client_gets_its_own_event(make_client, root):
    clients = [make_client() for _ in range(3)]
    writer = make_client()
    node = root + "/shared"
    writer.create(node)
    collectors = []
    for c in clients:
        col = EventCollector()
        c.get(node, watch=col)
        collectors.append(col)
    writer.set(node, b"new")
    for col in collectors:
        assert col.wait(1) == [ev(EventType.CHANGED, node)]


def test_watch_triggered_by_own_write_and_multi(zk, root):
    node = root + "/own"
    zk.create(node)
    events = EventCollector()
    zk.get(node, watch=events)
    zk.exists(node + "/new", watch=events)
    zk.get_children(node, watch=events)
    t = zk.transaction()
    t.set_data(node, b"v")
    t.create(node + "/new")
    t.commit()
    got = events.wait(3)
    assert sorted(got) == sorted([ev(EventType.CHANGED, node),
                                  ev(EventType.CREATED, node + "/new"),
                                  ev(EventType.CHILD, node)])


def test_ephemeral_removal_fires_watches(make_client, zk, root):
    owner = make_client()
    node = owner.create(root + "/eph", ephemeral=True)
    data_events = EventCollector()
    child_events = EventCollector()
    zk.exists(node, watch=data_events)
    zk.get_children(root, watch=child_events)
    owner.stop()
    assert data_events.wait(1) == [ev(EventType.DELETED, node)]
    assert child_events.wait(1) == [ev(EventType.CHILD, root)]


# ---------------------------------------------------------------------------
# raw: ordering, persistent watches, remove/check, setWatches
# ---------------------------------------------------------------------------
def test_notification_precedes_reply_on_same_connection(root):
    with zkraw.RawZk(HOSTS) as raw:
        raw.create(root + "/o")
        raw.get(root + "/o", watch=True)
        raw.set(root + "/o", b"x")
        # the watch notification frame (xid -1) is written before the reply
        # to the setData that triggered it, so it is already buffered here
        assert raw.events == [zkraw.Event(zkraw.EV_CHANGED, 3, root + "/o")]


def test_persistent_watch(root):
    node = root + "/pw"
    with zkraw.RawZk(HOSTS) as raw, zkraw.RawZk(HOSTS) as w:
        raw.add_watch(node, zkraw.WATCH_PERSISTENT)     # node need not exist
        w.create(node)
        w.set(node, b"1")
        w.set(node, b"2")
        w.create(node + "/kid")
        w.set(node + "/kid", b"k")                      # child data: not seen
        w.create(node + "/kid/gk")                      # grandchild: not seen
        w.delete(node + "/kid/gk")
        w.delete(node + "/kid")
        w.delete(node)
        w.create(node)
        expected = [
            (zkraw.EV_CREATED, node),
            (zkraw.EV_CHANGED, node),
            (zkraw.EV_CHANGED, node),
            (zkraw.EV_CHILD, node),
            (zkraw.EV_CHILD, node),
            (zkraw.EV_DELETED, node),
            (zkraw.EV_CREATED, node),       # still armed after the delete
        ]
        got = raw.wait_events(len(expected))
        assert [(e.type, e.path) for e in got] == expected
        assert all(e.state == 3 for e in got)          # SyncConnected
        assert raw.no_more_events()
        assert raw.check_watches(node, zkraw.WATCHER_ANY) == 0


def test_persistent_recursive_watch(root):
    base = root + "/rw"
    with zkraw.RawZk(HOSTS) as raw, zkraw.RawZk(HOSTS) as w:
        w.create(base)
        raw.add_watch(base, zkraw.WATCH_PERSISTENT_RECURSIVE)
        w.create(base + "/a")
        w.create(base + "/a/b", b"")
        w.set(base + "/a/b", b"x")
        w.set(base, b"y")
        w.delete(base + "/a/b")
        w.create(root + "/rwx")          # sibling with common name prefix
        w.set(root, b"z")                # ancestor: not watched
        expected = [
            # recursive watches never deliver NodeChildrenChanged
            (zkraw.EV_CREATED, base + "/a"),
            (zkraw.EV_CREATED, base + "/a/b"),
            (zkraw.EV_CHANGED, base + "/a/b"),
            (zkraw.EV_CHANGED, base),
            (zkraw.EV_DELETED, base + "/a/b"),
        ]
        got = raw.wait_events(len(expected))
        assert [(e.type, e.path) for e in got] == expected
        assert raw.no_more_events()


def test_persistent_watch_coexists_with_one_shot(root):
    node = root + "/co"
    with zkraw.RawZk(HOSTS) as raw, zkraw.RawZk(HOSTS) as w:
        w.create(node)
        raw.get(node, watch=True)
        raw.add_watch(node, zkraw.WATCH_PERSISTENT)
        w.set(node, b"1")
        # one notification per connection and event, even with two watches
        got = raw.wait_events(1)
        assert [(e.type, e.path) for e in got] == [(zkraw.EV_CHANGED, node)]
        assert raw.no_more_events()
        w.set(node, b"2")                # the persistent watch is still there
        w.create(node + "/k")
        got = raw.wait_events(3)
        assert [(e.type, e.path) for e in got[1:]] == [
            (zkraw.EV_CHANGED, node), (zkraw.EV_CHILD, node)]
        # NOTE: ZooKeeper 3.8 keeps a single mode per (connection, path) in
        # each watch table, so registering a one-shot data watch *after* a
        # persistent one downgrades the data part to one-shot (ZOOKEEPER-4466,
        # fixed in 3.9).  Not asserted here; do not copy that bug.


def test_remove_and_check_watches(root):
    node = root + "/rm"
    with zkraw.RawZk(HOSTS) as raw, zkraw.RawZk(HOSTS) as w:
        w.create(node)
        # nothing registered yet: NoWatcher (-121)
        assert raw.check_watches(node, zkraw.WATCHER_ANY) == zkraw.E_NO_WATCHER
        assert raw.remove_watches(node, zkraw.WATCHER_DATA) == zkraw.E_NO_WATCHER

        raw.get(node, watch=True)
        assert raw.check_watches(node, zkraw.WATCHER_DATA) == 0
        assert raw.check_watches(node, zkraw.WATCHER_CHILDREN) == zkraw.E_NO_WATCHER
        assert raw.remove_watches(node, zkraw.WATCHER_DATA) == 0
        assert raw.check_watches(node, zkraw.WATCHER_DATA) == zkraw.E_NO_WATCHER

        raw.children(node, watch=True)
        assert raw.check_watches(node, zkraw.WATCHER_CHILDREN) == 0
        assert raw.remove_watches(node, zkraw.WATCHER_ANY) == 0
        assert raw.remove_watches(node, zkraw.WATCHER_ANY) == zkraw.E_NO_WATCHER

        # an exists watch on a missing node is a data watch
        assert raw.exists(node + "/missing", watch=True) is None
        assert raw.check_watches(node + "/missing", zkraw.WATCHER_DATA) == 0

        raw.add_watch(node, zkraw.WATCH_PERSISTENT_RECURSIVE)
        assert raw.check_watches(node, zkraw.WATCHER_ANY) == 0
        assert raw.remove_watches(node, zkraw.WATCHER_ANY) == 0

        # removed watches do not fire, and the server sends no
        # "watch removed" notification of its own (the Java client
        # synthesises DataWatchRemoved/ChildWatchRemoved locally)
        w.set(node, b"x")
        w.create(node + "/kid")
        assert raw.no_more_events()
        assert raw.events == []


def test_set_watches_after_reconnect(root):
    """Watches live on the connection.  A client that reconnects to its
    session re-registers them with setWatches(relativeZxid, ...); the server
    fires immediately for anything that changed after relativeZxid."""
    node = root + "/sw"
    gone = root + "/gone"
    born = root + "/born"
    stable = root + "/stable"
    with zkraw.RawZk(HOSTS) as w:
        w.create(node, b"0")
        w.create(gone)
        w.create(stable)
        a = zkraw.RawZk(HOSTS)
        a.get(node, watch=True)
        seen_zxid = a.last_zxid
        sid, pw = a.session_id, a.passwd
        a.close_socket()                    # connection lost, session alive

        w.set(node, b"1")                   # changes while A is away
        w.delete(gone)
        w.create(born)

        b = zkraw.RawZk(HOSTS, session_id=sid, passwd=pw, last_zxid=seen_zxid)
        try:
            assert b.session_id == sid
            body = (zkraw.enc_long(seen_zxid)
                    + zkraw.enc_int(2) + zkraw.enc_string(node) + zkraw.enc_string(gone)
                    + zkraw.enc_int(2) + zkraw.enc_string(born) + zkraw.enc_string(stable + "/x")
                    + zkraw.enc_int(1) + zkraw.enc_string(stable))
            b.send_frame(zkraw.enc_int(-8) + zkraw.enc_int(zkraw.OP_SET_WATCHES) + body)
            hdr, _ = b.read_reply(-8)
            assert hdr.err == 0
            got = b.wait_events(3)
            assert sorted((e.type, e.path) for e in got) == sorted([
                (zkraw.EV_CHANGED, node),
                (zkraw.EV_DELETED, gone),
                (zkraw.EV_CREATED, born),
            ])
            assert b.no_more_events()
            # the unchanged ones were registered normally and fire later
            w.create(stable + "/x")
            got = b.wait_events(5)
            assert sorted((e.type, e.path) for e in got[3:]) == sorted([
                (zkraw.EV_CREATED, stable + "/x"),
                (zkraw.EV_CHILD, stable),
            ])
        finally:
            b.close_session()
