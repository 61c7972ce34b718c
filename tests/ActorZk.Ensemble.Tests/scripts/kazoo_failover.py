"""kazoo (python3-kazoo) across a leader kill, driven by ActorZk.Ensemble.Tests.

usage: kazoo_failover.py HOSTS failover   -- writes, prints READY, waits for "go" on stdin (the test kills the
                                             leader meanwhile), writes again with retries, checks, prints PASS
       kazoo_failover.py HOSTS hold       -- creates two ephemerals, prints READY <session id>, sleeps until killed
Every wait is bounded; exit status 0 only on PASS.
"""
import sys
import time

from kazoo.client import KazooClient
from kazoo.retry import KazooRetry

hosts, mode = sys.argv[1], sys.argv[2]
states = []
retry = KazooRetry(max_tries=-1, delay=0.1, max_delay=1, deadline=60)
zk = KazooClient(hosts=hosts, timeout=10.0 if mode == "failover" else 4.0,
                 connection_retry=KazooRetry(max_tries=-1, delay=0.1, max_delay=1), command_retry=retry)
zk.add_listener(lambda state: states.append(state))
zk.start(timeout=30)

if mode == "hold":
    zk.ensure_path("/exp")
    zk.create("/exp/kazoo-1", b"held", ephemeral=True)
    zk.create("/exp/kazoo-2", b"held", ephemeral=True)
    print("READY 0x%x" % zk.client_id[0], flush=True)
    time.sleep(120)
    sys.exit(1)

zk.ensure_path("/kz")
for i in range(20):
    zk.create("/kz/before-%d" % i, b"before")
session = zk.client_id[0]
print("READY 0x%x" % session, flush=True)
line = sys.stdin.readline().strip()
if line != "go":
    print("FAIL expected go, got %r" % line, flush=True)
    sys.exit(1)

started = time.monotonic()
for i in range(20):
    retry(lambda: zk.create("/kz/after-%d" % i, b"after") if not zk.exists("/kz/after-%d" % i) else None)
elapsed = time.monotonic() - started
missing = [i for i in range(20) if not zk.exists("/kz/before-%d" % i) or not zk.exists("/kz/after-%d" % i)]
same = zk.client_id[0] == session
seen = [str(s) for s in states]  # before stop(), which itself reports LOST
print("states:", ",".join(seen), flush=True)
print("after-kill writes took %.0f ms, session 0x%x %s" % (elapsed * 1000, zk.client_id[0], "kept" if same else "CHANGED"), flush=True)
zk.stop()
zk.close()
if missing or not same or "LOST" in seen:
    print("FAIL missing=%s same_session=%s" % (missing, same), flush=True)
    sys.exit(1)
print("PASS", flush=True)
