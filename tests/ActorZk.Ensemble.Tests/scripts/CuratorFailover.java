// Curator 5.4 (Debian libcurator-*-java) across a leader kill, driven by ActorZk.Ensemble.Tests.
//
// usage: java CuratorFailover HOSTS
//   Takes a LeaderLatch and an InterProcessMutex, bumps a SharedCount 20 times and creates 20 sequential znodes under
//   the lock, prints READY, waits for "go" on stdin (the test kills the ensemble's leader meanwhile), then does the
//   same 20 more times through Curator's retries, checks the latch, the lock, the count and the sequence numbers, and
//   prints PASS. Every wait is bounded; the exit status is 0 only on PASS.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;

public final class CuratorFailover {
    public static void main(String[] args) throws Exception {
        CuratorFramework client = CuratorFrameworkFactory.builder()
            .connectString(args[0]).sessionTimeoutMs(10000).connectionTimeoutMs(10000)
            .retryPolicy(new RetryNTimes(600, 100)).build();
        client.start();
        if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
            fail("not connected within 30 s");
        }

        LeaderLatch latch = new LeaderLatch(client, "/cur/latch", "me");
        latch.start();
        if (!latch.await(30, TimeUnit.SECONDS)) {
            fail("no leadership within 30 s");
        }

        InterProcessMutex mutex = new InterProcessMutex(client, "/cur/lock");
        SharedCount count = new SharedCount(client, "/cur/count", 0);
        count.start();
        round(client, mutex, count, 0);
        System.out.println("READY");
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line = in.readLine();
        if (!"go".equals(line)) {
            fail("expected go, got " + line);
        }

        long started = System.nanoTime();
        round(client, mutex, count, 20);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        if (!latch.await(30, TimeUnit.SECONDS) || !latch.hasLeadership()) {
            fail("lost the leader latch");
        }

        List<String> children = client.getChildren().forPath("/cur/seq");
        HashSet<String> unique = new HashSet<>(children);
        if (children.size() != 40 || unique.size() != 40) {
            fail("expected 40 distinct sequential znodes, got " + children.size() + " (" + unique.size() + " distinct)");
        }

        int value = count.getCount();
        if (value != 40) {
            fail("the shared count is " + value + ", not 40");
        }

        System.out.println("after-kill round took " + elapsedMs + " ms; count " + value + "; 40 sequential znodes");
        System.out.println("PASS");
        count.close();
        latch.close();
        client.close();
        System.exit(0);
    }

    private static void round(CuratorFramework client, InterProcessMutex mutex, SharedCount count, int first) throws Exception {
        for (int i = first; i < first + 20; i++) {
            if (!mutex.acquire(60, TimeUnit.SECONDS)) {
                fail("lock not acquired within 60 s at step " + i);
            }
            try {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath("/cur/seq/n-");
                while (true) {
                    VersionedValue<Integer> current = count.getVersionedValue();
                    if (count.trySetCount(current, current.getValue() + 1)) {
                        break;
                    }
                }
            } finally {
                mutex.release();
            }
        }
    }

    private static void fail(String message) {
        System.out.println("FAIL " + message);
        System.out.flush();
        System.exit(1);
    }
}
