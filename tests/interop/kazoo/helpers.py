"""Shared helpers for the kazoo interop suite (bounded polling, 4lw, ids)."""
import os
import socket
import time
import uuid

HOSTS = os.environ.get("ZK_HOSTS", "127.0.0.1:2181")

# digest users that tests may lock nodes to; the per-test cleanup client
# authenticates as all of them so it can remove whatever a test left behind
TEST_DIGEST_USERS = ("alice:secret", "bob:pw", "carol:pw", "dave:pw")


def host_port(hosts=HOSTS):
    host, port = hosts.split(",")[0].rsplit(":", 1)
    return host, int(port)


def wait_until(pred, timeout=10.0, interval=0.05, what="condition"):
    """Poll `pred` until it returns a truthy value; bounded in time and count."""
    deadline = time.monotonic() + timeout
    max_iter = int(timeout / interval) + 10
    for _ in range(max_iter):
        value = pred()
        if value:
            return value
        if time.monotonic() >= deadline:
            break
        time.sleep(interval)
    raise AssertionError("timed out after %.1fs waiting for %s" % (timeout, what))


def four_letter(word, hosts=HOSTS, timeout=5.0):
    """Send a four-letter word on a fresh connection; return the full answer.
    ZooKeeper answers and then closes the connection."""
    host, port = host_port(hosts)
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.settimeout(timeout)
        s.sendall(word.encode("ascii"))
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def unique(prefix="n"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


class EventCollector:
    """Thread-safe collector usable as a kazoo watch callback."""

    def __init__(self):
        import threading
        self._lock = threading.Lock()
        self.events = []

    def __call__(self, event):
        with self._lock:
            self.events.append(event)

    def snapshot(self):
        with self._lock:
            return list(self.events)

    def wait(self, count=1, timeout=10.0):
        wait_until(lambda: len(self.snapshot()) >= count, timeout,
                   what="%d watch event(s), got %r" % (count, self.snapshot()))
        return self.snapshot()


class FreezableProxy:
    """A tiny loopback TCP proxy in front of the server.

    * drop_connections(): closes every proxied connection (client sees a
      connection loss and reconnects, session intact);
    * freeze(): stops forwarding and refuses new connections while keeping
      existing sockets open and silent, so the server stops hearing pings
      and expires the session;
    * thaw(): forwards again.
    All loops are bounded by short select() timeouts and the stop flag.
    """

    def __init__(self, hosts=HOSTS):
        import threading
        self.upstream = host_port(hosts)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.hosts = "127.0.0.1:%d" % self.port
        self._frozen = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._pairs = []
        self._threads = []
        t = threading.Thread(target=self._accept_loop, daemon=True)
        t.start()
        self._threads.append(t)

    def _accept_loop(self):
        import threading
        while not self._stop.is_set():
            try:
                c, _ = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            if self._frozen.is_set():
                c.close()
                continue
            try:
                u = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                c.close()
                continue
            with self._lock:
                self._pairs.append((c, u))
            t = threading.Thread(target=self._pump, args=(c, u), daemon=True)
            t.start()
            self._threads.append(t)

    def _pump(self, c, u):
        import select
        peers = {c: u, u: c}
        try:
            while not self._stop.is_set():
                if self._frozen.is_set():
                    time.sleep(0.05)  # hold the sockets open, forward nothing
                    continue
                r, _, _ = select.select([c, u], [], [], 0.1)
                for s in r:
                    data = s.recv(65536)
                    if not data:
                        return
                    peers[s].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            self._close_pair(c, u)

    def _close_pair(self, c, u):
        for s in (c, u):
            try:
                s.close()
            except OSError:
                pass
        with self._lock:
            if (c, u) in self._pairs:
                self._pairs.remove((c, u))

    def drop_connections(self):
        with self._lock:
            pairs = list(self._pairs)
        for c, u in pairs:
            for s in (c, u):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def freeze(self):
        self._frozen.set()

    def thaw(self):
        self._frozen.clear()

    def close(self):
        self._stop.set()
        self.drop_connections()
        try:
            self.listener.close()
        except OSError:
            pass
        for t in self._threads:
            t.join(timeout=2)
