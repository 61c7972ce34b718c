"""kazoo recipes against the server: Lock, Semaphore, read/write locks,
Election, Counter, Barrier, DoubleBarrier, Queue, LockingQueue, DataWatch,
ChildrenWatch, TreeCache.  Every blocking call has a timeout."""
import threading

import pytest
from kazoo.exceptions import LockTimeout
from kazoo.recipe.barrier import DoubleBarrier
from kazoo.recipe.cache import TreeCache, TreeEvent

from helpers import wait_until


def run_thread(target, *args):
    t = threading.Thread(target=target, args=args, daemon=True)
    t.start()
    return t


def test_lock_two_clients_contend(make_client, root):
    a, b = make_client(), make_client()
    path = root + "/lock"
    la = a.Lock(path, "client-a")
    lb = b.Lock(path, "client-b")
    assert la.acquire(timeout=10)
    assert la.is_acquired
    # non-blocking attempt fails, a bounded blocking attempt times out
    assert lb.acquire(blocking=False) is False
    with pytest.raises(LockTimeout):
        lb.acquire(timeout=0.5)
    assert la.contenders() == ["client-a"]

    got = threading.Event()

    def contend():
        if lb.acquire(timeout=15):
            got.set()

    t = run_thread(contend)
    wait_until(lambda: len(la.contenders()) == 2, timeout=10, what="2 contenders")
    assert la.contenders() == ["client-a", "client-b"]
    assert not got.is_set()
    # lock nodes: ephemeral sequential "<uuid>__lock__<seq>"
    names = a.get_children(path)
    assert len(names) == 2 and all("__lock__" in n for n in names)
    la.release()
    assert got.wait(10)
    t.join(5)
    assert lb.is_acquired
    assert lb.contenders() == ["client-b"]
    lb.release()
    assert a.get_children(path) == []


def test_lock_released_when_holder_session_closes(make_client, root):
    a, b = make_client(), make_client()
    path = root + "/lock2"
    assert a.Lock(path, "a").acquire(timeout=10)
    lb = b.Lock(path, "b")
    result = {}
    t = run_thread(lambda: result.setdefault("ok", lb.acquire(timeout=15)))
    wait_until(lambda: len(lb.contenders()) == 2, timeout=10, what="contender")
    a.stop()                        # ephemeral lock node vanishes
    t.join(15)
    assert result.get("ok") is True
    lb.release()


def test_semaphore(make_client, root):
    clients = [make_client() for _ in range(3)]
    path = root + "/sem"
    sems = [c.Semaphore(path, "id%d" % i, max_leases=2) for i, c in enumerate(clients)]
    assert sems[0].acquire(timeout=10)
    assert sems[1].acquire(timeout=10)
    assert sems[2].acquire(blocking=False) is False
    assert sorted(sems[0].lease_holders()) == ["id0", "id1"]
    sems[0].release()
    assert sems[2].acquire(timeout=10)
    assert sorted(sems[1].lease_holders()) == ["id1", "id2"]
    sems[1].release()
    sems[2].release()


def test_read_write_lock(make_client, root):
    a, b, c = make_client(), make_client(), make_client()
    path = root + "/rw"
    r1 = a.ReadLock(path, "r1")
    r2 = b.ReadLock(path, "r2")
    w = c.WriteLock(path, "w")
    assert r1.acquire(timeout=10)
    assert r2.acquire(timeout=10)          # readers share
    assert w.acquire(blocking=False) is False
    r1.release()
    r2.release()
    assert w.acquire(timeout=10)
    assert a.ReadLock(path, "r3").acquire(blocking=False) is False
    w.release()


def test_election(make_client, root):
    a, b = make_client(), make_client()
    path = root + "/election"
    ea = a.Election(path, "leader-a")
    eb = b.Election(path, "leader-b")
    leaders = []
    release = {"a": threading.Event(), "b": threading.Event()}

    def lead(name):
        leaders.append(name)
        release[name].wait(20)

    ta = run_thread(ea.run, lead, "a")
    wait_until(lambda: leaders == ["a"], timeout=10, what="a leads")
    tb = run_thread(eb.run, lead, "b")
    wait_until(lambda: len(ea.contenders()) == 2, timeout=10, what="b waits")
    assert ea.contenders() == ["leader-a", "leader-b"]
    assert leaders == ["a"]
    release["a"].set()                     # a steps down
    ta.join(10)
    wait_until(lambda: leaders == ["a", "b"], timeout=10, what="b leads")
    assert eb.contenders() == ["leader-b"]
    release["b"].set()
    tb.join(10)
    assert a.get_children(path) == []


def test_counter(make_client, root):
    a, b = make_client(), make_client()
    path = root + "/counter"
    ca = a.Counter(path)
    assert ca.value == 0
    ca += 5
    ca -= 2
    assert ca.value == 3
    assert a.get(path)[0] == b"3"          # stored as the decimal text
    cb = b.Counter(path)
    assert cb.value == 3

    # concurrent increments from two sessions (version-checked retries)
    def bump(counter, n):
        for _ in range(n):
            counter += 1

    t1 = run_thread(bump, ca, 25)
    t2 = run_thread(bump, cb, 25)
    t1.join(30)
    t2.join(30)
    assert a.Counter(path).value == 53
    fc = a.Counter(root + "/float", default=0.0)
    fc += 2.5
    assert fc.value == 2.5


def test_barrier(make_client, root):
    a, b = make_client(), make_client()
    path = root + "/barrier"
    barrier = a.Barrier(path)
    barrier.create()
    waiter = b.Barrier(path)
    assert waiter.wait(timeout=0.3) is False
    result = {}
    t = run_thread(lambda: result.setdefault("ok", waiter.wait(timeout=15)))
    barrier.remove()
    t.join(15)
    assert result.get("ok") is True
    assert a.exists(path) is None
    # waiting on a missing barrier returns at once
    assert waiter.wait(timeout=1) is True


def test_double_barrier(make_client, root):
    path = root + "/dbarrier"
    n = 3
    clients = [make_client() for _ in range(n)]
    entered, left = [], []
    lock = threading.Lock()

    def participant(i):
        db = DoubleBarrier(clients[i], path, n, "p%d" % i)
        db.enter()
        with lock:
            entered.append(i)
        db.leave()
        with lock:
            left.append(i)

    threads = [run_thread(participant, i) for i in range(n - 1)]
    # with only n-1 participants nobody gets through enter()
    wait_until(lambda: clients[0].exists(path) is not None
               and len(clients[0].get_children(path)) == n - 1, timeout=10,
               what="n-1 participants waiting")
    assert entered == []
    threads.append(run_thread(participant, n - 1))
    for t in threads:
        t.join(20)
    assert sorted(entered) == list(range(n))
    assert sorted(left) == list(range(n))


def test_queue(make_client, root):
    a, b = make_client(), make_client()
    path = root + "/queue"
    q = a.Queue(path)
    q.put(b"one")
    q.put(b"two")
    q.put(b"urgent", priority=1)
    assert len(q) == 3
    qb = b.Queue(path)
    assert qb.get() == b"urgent"
    assert qb.get() == b"one"
    assert q.get() == b"two"
    assert q.get() is None
    assert len(q) == 0


def test_locking_queue(make_client, root):
    a, b = make_client(), make_client()
    path = root + "/lqueue"
    qa = a.LockingQueue(path)
    qb = b.LockingQueue(path)
    qa.put(b"first")
    qa.put_all([b"second", b"third"])
    assert len(qa) == 3
    assert qa.get(timeout=10) == b"first"
    assert qa.holds_lock()
    # b skips the entry locked by a
    assert qb.get(timeout=10) == b"second"
    assert qa.release()                    # give "first" back
    assert qa.get(timeout=10) == b"first"
    assert qa.consume()
    assert qb.consume()
    assert len(qa) == 1
    assert qb.get(timeout=10) == b"third"
    assert qb.consume()
    assert len(qa) == 0
    assert qa.get(timeout=0.3) is None
    # a blocked get wakes up on put
    result = {}
    t = run_thread(lambda: result.setdefault("v", qb.get(timeout=15)))
    qa.put(b"late")
    t.join(15)
    assert result.get("v") == b"late"
    assert qb.consume()


def test_data_watch_and_children_watch_recipes(make_client, root):
    a, b = make_client(), make_client()
    node = root + "/dw"
    seen_data, seen_children = [], []
    a.DataWatch(node, lambda data, stat: seen_data.append(
        (data, stat.version if stat else None)))
    a.ChildrenWatch(root, lambda children: seen_children.append(sorted(children)))
    wait_until(lambda: seen_data == [(None, None)], timeout=5, what="initial call")
    b.create(node, b"v0")
    wait_until(lambda: seen_data[-1] == (b"v0", 0), timeout=10, what="create seen")
    b.set(node, b"v1")
    wait_until(lambda: seen_data[-1] == (b"v1", 1), timeout=10, what="set seen")
    b.create(root + "/other")
    wait_until(lambda: seen_children[-1] == ["dw", "other"], timeout=10,
               what="children seen")
    b.delete(node)
    wait_until(lambda: seen_data[-1] == (None, None), timeout=10, what="delete seen")
    wait_until(lambda: seen_children[-1] == ["other"], timeout=10, what="child gone")


def test_tree_cache(make_client, root):
    a, b = make_client(), make_client()
    base = root + "/tree"
    b.create(base + "/x", b"1", makepath=True)
    cache = TreeCache(a, base)
    events = []
    cache.listen(lambda ev: events.append(ev))
    cache.start()
    try:
        wait_until(lambda: any(e.event_type == TreeEvent.INITIALIZED for e in events),
                   timeout=10, what="tree cache initialised")
        assert cache.get_data(base + "/x").data == b"1"
        b.create(base + "/x/y", b"2")
        wait_until(lambda: cache.get_data(base + "/x/y") is not None, timeout=10,
                   what="new node cached")
        b.set(base + "/x", b"3")
        wait_until(lambda: cache.get_data(base + "/x").data == b"3", timeout=10,
                   what="update cached")
        assert sorted(cache.get_children(base)) == ["x"]
    finally:
        cache.close()
