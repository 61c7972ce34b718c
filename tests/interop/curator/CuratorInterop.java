import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Stat;

/**
 * Apache Curator 5.4 (Debian libcurator-*-java) against the server in
 * $ZK_HOSTS.  Exits 0 and prints "CURATOR INTEROP PASS" when every check
 * holds; stops at the first failure with a message and exit status 1.
 * Every wait is bounded.
 */
public class CuratorInterop {
    private static int checks = 0;
    private static final List<CuratorFramework> clients = new ArrayList<>();

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
        checks++;
        System.out.println("  ok   " + what);
    }

    static void eq(Object expected, Object actual, String what) {
        boolean same = expected == null ? actual == null : expected.equals(actual);
        if (!same) {
            throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
        checks++;
        System.out.println("  ok   " + what);
    }

    static void waitUntil(BooleanSupplier cond, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int i = 0; i < 100000; i++) {
            if (cond.getAsBoolean()) {
                check(true, what);
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + timeoutMs + " ms waiting for: " + what);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static CuratorFramework newClient(String hosts) throws Exception {
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(hosts)
                .sessionTimeoutMs(10000)
                .connectionTimeoutMs(10000)
                .retryPolicy(new ExponentialBackoffRetry(100, 3))
                .build();
        clients.add(c);
        c.start();
        if (!c.blockUntilConnected(20, TimeUnit.SECONDS)) {
            throw new AssertionError("Curator client could not connect to " + hosts);
        }
        return c;
    }

    static Stat exists(CuratorFramework c, String path) {
        try {
            return c.checkExists().forPath(path);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    public static void main(String[] args) {
        String hosts = System.getenv().getOrDefault("ZK_HOSTS", "127.0.0.1:2181");
        String base = "/curator-" + UUID.randomUUID().toString().substring(0, 8);
        int status = 0;
        try {
            run(hosts, base);
            System.out.println("CURATOR INTEROP PASS (" + checks + " checks)");
        } catch (Throwable t) {
            System.out.println("CURATOR INTEROP FAIL after " + checks + " checks: " + t);
            t.printStackTrace(System.out);
            status = 1;
        } finally {
            try {
                if (!clients.isEmpty()) {
                    CuratorFramework c = clients.get(0);
                    if (c.checkExists().forPath(base) != null) {
                        c.delete().deletingChildrenIfNeeded().forPath(base);
                    }
                }
            } catch (Throwable ignored) {
                // best-effort cleanup
            }
            for (CuratorFramework c : clients) {
                try {
                    c.close();
                } catch (Throwable ignored) {
                    // closing anyway
                }
            }
        }
        System.exit(status);
    }

    static void run(String hosts, String base) throws Exception {
        System.out.println("Curator interop against " + hosts + " under " + base);
        CuratorFramework a = newClient(hosts);
        CuratorFramework b = newClient(hosts);
        ZooKeeper zkA = a.getZookeeperClient().getZooKeeper();
        long sidA = zkA.getSessionId();
        check(sidA != 0, "session established");

        // --- create / getData / setData / delete with Stat ---------------------
        String p = a.create().creatingParentsIfNeeded()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(base + "/deep/er/node-", b("v0"));
        eq(base + "/deep/er/node-0000000000", p, "creatingParentsIfNeeded + EPHEMERAL_SEQUENTIAL path");
        check(exists(a, base + "/deep/er") != null, "parents were created");
        Stat st = new Stat();
        eq("v0", s(a.getData().storingStatIn(st).forPath(p)), "getData returns the data");
        eq(sidA, st.getEphemeralOwner(), "ephemeralOwner is the creating session");
        eq(0, st.getVersion(), "fresh node version 0");
        eq(2, st.getDataLength(), "dataLength");
        check(st.getCzxid() == st.getMzxid() && st.getMzxid() == st.getPzxid(), "czxid == mzxid == pzxid on create");
        eq(exists(b, p).getCzxid(), st.getCzxid(), "other client sees the same stat");

        Stat st2 = a.setData().withVersion(0).forPath(p, b("v1"));
        eq(1, st2.getVersion(), "setData bumps the version");
        check(st2.getMzxid() > st.getMzxid(), "setData advances mzxid");
        eq(st.getCzxid(), st2.getCzxid(), "setData keeps czxid");
        try {
            a.setData().withVersion(0).forPath(p, b("stale"));
            throw new AssertionError("stale setData succeeded");
        } catch (KeeperException.BadVersionException e) {
            check(true, "stale version -> BadVersionException");
        }
        try {
            b.create().forPath(p + "/child");
            throw new AssertionError("child of an ephemeral was created");
        } catch (KeeperException.NoChildrenForEphemeralsException e) {
            check(true, "ephemeral parent -> NoChildrenForEphemeralsException");
        }
        try {
            b.create().forPath(base + "/deep");
            throw new AssertionError("duplicate create succeeded");
        } catch (KeeperException.NodeExistsException e) {
            check(true, "duplicate create -> NodeExistsException");
        }
        try {
            b.getData().forPath(base + "/missing");
            throw new AssertionError("getData on a missing node succeeded");
        } catch (KeeperException.NoNodeException e) {
            check(true, "missing node -> NoNodeException");
        }
        a.delete().withVersion(1).forPath(p);
        check(exists(b, p) == null, "delete with version");
        eq(Collections.emptyList(), b.getChildren().forPath(base + "/deep/er"), "no children left");

        // --- extended ZooKeeper 3.6+/3.7+ calls through the raw handle -------------
        String eph = a.create().withMode(CreateMode.EPHEMERAL).forPath(base + "/eph", b("e"));
        List<String> ephemerals = zkA.getEphemerals(base);
        eq(Collections.singletonList(eph), ephemerals, "getEphemerals(prefix)");
        eq(3, zkA.getAllChildrenNumber(base), "getAllChildrenNumber counts all descendants");
        List<ClientInfo> who = zkA.whoAmI();
        check(who.stream().anyMatch(ci -> "ip".equals(ci.getAuthScheme()) && "127.0.0.1".equals(ci.getUser())),
                "whoAmI reports ip 127.0.0.1: " + who);
        a.delete().forPath(eph);

        // --- container and TTL via Curator -----------------------------------------
        String leaf = b.create().creatingParentContainersIfNeeded()
                .forPath(base + "/containers/c1/leaf", b("x"));
        eq(base + "/containers/c1/leaf", leaf, "creatingParentContainersIfNeeded");
        eq(0L, exists(b, base + "/containers/c1").getEphemeralOwner(), "container reports ephemeralOwner 0");
        b.delete().forPath(leaf);
        waitUntil(() -> exists(b, base + "/containers/c1") == null, 15000,
                "empty container removed by the server");
        String ttl = b.create().withTtl(60000).withMode(CreateMode.PERSISTENT_WITH_TTL)
                .forPath(base + "/ttl", b("t"));
        eq(base + "/ttl", ttl, "create withTtl / PERSISTENT_WITH_TTL");
        b.delete().forPath(ttl);

        // --- transactions ------------------------------------------------------
        b.create().forPath(base + "/tx", b("0"));
        List<CuratorTransactionResult> results = a.transaction().forOperations(
                a.transactionOp().create().forPath(base + "/tx/a", b("A")),
                a.transactionOp().setData().withVersion(0).forPath(base + "/tx", b("1")),
                a.transactionOp().check().withVersion(1).forPath(base + "/tx"),
                a.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(base + "/tx/s-", b("S")),
                a.transactionOp().delete().forPath(base + "/tx/a"));
        eq(5, results.size(), "transaction: one result per op");
        eq(OperationType.CREATE, results.get(0).getType(), "result 0 is CREATE");
        eq(base + "/tx/a", results.get(0).getResultPath(), "result 0 path");
        eq(OperationType.SET_DATA, results.get(1).getType(), "result 1 is SET_DATA");
        eq(1, results.get(1).getResultStat().getVersion(), "result 1 stat version");
        eq(OperationType.CHECK, results.get(2).getType(), "result 2 is CHECK");
        eq(base + "/tx/s-0000000001", results.get(3).getResultPath(), "sequential create inside a transaction");
        eq(OperationType.DELETE, results.get(4).getType(), "result 4 is DELETE");
        eq(Collections.singletonList("s-0000000001"), b.getChildren().forPath(base + "/tx"), "transaction applied");

        CuratorOp ok1 = a.transactionOp().create().forPath(base + "/tx/never", b("N"));
        CuratorOp bad = a.transactionOp().check().withVersion(7).forPath(base + "/tx");
        try {
            a.transaction().forOperations(ok1, bad);
            throw new AssertionError("transaction with a failing check committed");
        } catch (KeeperException.BadVersionException e) {
            check(true, "failing check -> BadVersionException for the whole transaction");
        }
        check(exists(b, base + "/tx/never") == null, "failed transaction left nothing behind");

        // --- InterProcessMutex between two clients -------------------------------
        InterProcessMutex ma = new InterProcessMutex(a, base + "/mutex");
        InterProcessMutex mb = new InterProcessMutex(b, base + "/mutex");
        check(ma.acquire(10, TimeUnit.SECONDS), "client A acquires the mutex");
        check(!mb.acquire(300, TimeUnit.MILLISECONDS), "client B cannot acquire while A holds it");
        // InterProcessMutex is owned by the acquiring thread: B acquires,
        // then releases, in its own thread
        CountDownLatch bGot = new CountDownLatch(1);
        CountDownLatch bMayRelease = new CountDownLatch(1);
        CountDownLatch bReleased = new CountDownLatch(1);
        Thread tb = new Thread(() -> {
            try {
                if (mb.acquire(15, TimeUnit.SECONDS)) {
                    bGot.countDown();
                    if (bMayRelease.await(15, TimeUnit.SECONDS)) {
                        mb.release();
                        bReleased.countDown();
                    }
                }
            } catch (Exception e) {
                // reported through the latches
            }
        });
        tb.setDaemon(true);
        tb.start();
        waitUntil(() -> {
            try {
                return a.getChildren().forPath(base + "/mutex").size() == 2;
            } catch (Exception e) {
                return false;
            }
        }, 10000, "B queued behind A (2 lock nodes)");
        check(bGot.getCount() == 1, "B still waiting");
        ma.release();
        check(bGot.await(15, TimeUnit.SECONDS), "B acquires after A releases");
        check(!ma.acquire(200, TimeUnit.MILLISECONDS), "A cannot re-acquire while B holds it");
        bMayRelease.countDown();
        check(bReleased.await(15, TimeUnit.SECONDS), "B releases");
        tb.join(10000);
        waitUntil(() -> {
            try {
                return a.getChildren().forPath(base + "/mutex").isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, 10000, "no lock nodes left");

        // --- LeaderLatch -----------------------------------------------------------
        LeaderLatch la = new LeaderLatch(a, base + "/leader", "A");
        LeaderLatch lb = new LeaderLatch(b, base + "/leader", "B");
        la.start();
        check(la.await(10, TimeUnit.SECONDS), "A becomes leader");
        lb.start();
        waitUntil(() -> {
            try {
                return lb.getParticipants().size() == 2;
            } catch (Exception e) {
                return false;
            }
        }, 10000, "two participants");
        check(!lb.hasLeadership(), "B is not leader while A is");
        eq("A", lb.getLeader().getId(), "B sees A as leader");
        la.close();
        check(lb.await(10, TimeUnit.SECONDS), "B becomes leader after A closes");
        lb.close();

        // --- DistributedAtomicLong -----------------------------------------------
        DistributedAtomicLong ca = new DistributedAtomicLong(a, base + "/counter", new RetryNTimes(20, 10));
        DistributedAtomicLong cb = new DistributedAtomicLong(b, base + "/counter", new RetryNTimes(20, 10));
        AtomicValue<Long> v = ca.increment();
        check(v.succeeded(), "increment succeeded");
        eq(0L, v.preValue(), "pre value 0");
        eq(1L, v.postValue(), "post value 1");
        v = cb.add(41L);
        check(v.succeeded() && v.postValue() == 42L, "add from the other client -> 42");
        v = ca.compareAndSet(42L, 100L);
        check(v.succeeded(), "compareAndSet 42 -> 100");
        v = cb.compareAndSet(42L, 7L);
        check(!v.succeeded(), "compareAndSet with a stale expected value fails");
        eq(100L, cb.get().postValue(), "get() -> 100");

        // --- CuratorCache (persistent recursive watch) ---------------------------------
        String cacheBase = base + "/cache";
        a.create().forPath(cacheBase, b("root"));
        BlockingQueue<String> cacheEvents = new LinkedBlockingQueue<>();
        CuratorCache cache = CuratorCache.build(a, cacheBase);
        CountDownLatch initialized = new CountDownLatch(1);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreates(n -> cacheEvents.add("create " + n.getPath() + " " + s(n.getData())))
                .forChanges((o, n) -> cacheEvents.add("change " + n.getPath() + " " + s(n.getData())))
                .forDeletes(o -> cacheEvents.add("delete " + o.getPath()))
                .forInitialized(initialized::countDown)
                .build());
        cache.start();
        check(initialized.await(10, TimeUnit.SECONDS), "CuratorCache initialized");
        eq("create " + cacheBase + " root", cacheEvents.poll(10, TimeUnit.SECONDS), "initial node reported");
        b.create().forPath(cacheBase + "/x", b("1"));
        eq("create " + cacheBase + "/x 1", cacheEvents.poll(10, TimeUnit.SECONDS), "cache sees create");
        b.create().forPath(cacheBase + "/x/y", b("2"));
        eq("create " + cacheBase + "/x/y 2", cacheEvents.poll(10, TimeUnit.SECONDS), "cache sees nested create");
        b.setData().forPath(cacheBase + "/x", b("3"));
        eq("change " + cacheBase + "/x 3", cacheEvents.poll(10, TimeUnit.SECONDS), "cache sees change");
        b.delete().forPath(cacheBase + "/x/y");
        eq("delete " + cacheBase + "/x/y", cacheEvents.poll(10, TimeUnit.SECONDS), "cache sees delete");
        eq("3", s(cache.get(cacheBase + "/x").get().getData()), "cache content");
        cache.close();

        // --- PersistentWatcher (addWatch PERSISTENT_RECURSIVE) -------------------------
        String pwBase = base + "/pw";
        a.create().forPath(pwBase);
        BlockingQueue<WatchedEvent> pwEvents = new LinkedBlockingQueue<>();
        PersistentWatcher pw = new PersistentWatcher(a, pwBase, true);
        pw.getListenable().addListener(pwEvents::add);
        pw.start();
        // the watch is registered asynchronously; wait until the server knows it
        waitUntil(() -> {
            try {
                b.setData().forPath(pwBase, b("ping"));
                WatchedEvent e = pwEvents.poll(200, TimeUnit.MILLISECONDS);
                return e != null && e.getType() == Watcher.Event.EventType.NodeDataChanged;
            } catch (Exception e) {
                return false;
            }
        }, 10000, "persistent recursive watch registered");
        pwEvents.clear();
        b.create().forPath(pwBase + "/k", b("k"));
        WatchedEvent e1 = pwEvents.poll(10, TimeUnit.SECONDS);
        check(e1 != null && e1.getType() == Watcher.Event.EventType.NodeCreated
                && (pwBase + "/k").equals(e1.getPath()), "NodeCreated for a child: " + e1);
        b.setData().forPath(pwBase + "/k", b("k2"));
        WatchedEvent e2 = pwEvents.poll(10, TimeUnit.SECONDS);
        check(e2 != null && e2.getType() == Watcher.Event.EventType.NodeDataChanged
                && (pwBase + "/k").equals(e2.getPath()), "NodeDataChanged for a child: " + e2);
        b.delete().forPath(pwBase + "/k");
        WatchedEvent e3 = pwEvents.poll(10, TimeUnit.SECONDS);
        check(e3 != null && e3.getType() == Watcher.Event.EventType.NodeDeleted,
                "NodeDeleted for a child (watch still armed): " + e3);
        pw.close();

        // --- ephemerals vanish when the session closes -------------------------------
        String gone = b.create().withMode(CreateMode.EPHEMERAL).forPath(base + "/bye");
        check(exists(a, gone) != null, "ephemeral visible to the other client");
        clients.remove(b);
        b.close();
        waitUntil(() -> exists(a, gone) == null, 10000, "ephemeral removed when its session closed");
    }
}
