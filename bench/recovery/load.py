#!/usr/bin/env python3
"""Loads a fixed tree of persistent znodes into any ZooKeeper-protocol server, fast.

    load.py --port P [--host 127.0.0.1] --znodes N [--payload B] [--fanout F] [--root /rc]
            [--sessions S] [--window W] [--time-limit SECONDS]

Creates ROOT, then ceil(N/F) parents ROOT/pNNNNNN, then N children ROOT/pNNNNNN/cNNNNNN (F per parent) with
B bytes of data each, all OPEN_ACL_UNSAFE and persistent. Raw ZooKeeper frames over S sessions, W creates in
flight per session (pipelined), so the server's group commit, not the client, sets the pace. NodeExists counts
as done (a rerun completes a partial tree). Any other error code, a lost connection or the time limit ends the
run with exit code 1. Prints one JSON line: {"created", "exists", "parents", "children", "seconds", "rate"}.
Every loop is bounded: by the number of nodes, and by --time-limit (socket timeouts included).
"""
import argparse
import json
import socket
import struct
import sys
import threading
import time

OP_CREATE = 1
OP_CLOSE = -11
ERR_OK = 0
ERR_NODEEXISTS = -110
ACL_OPEN = struct.pack(">i", 1) + struct.pack(">i", 31) + struct.pack(">i", 5) + b"world" + struct.pack(">i", 6) + b"anyone"


def jstring(s: bytes) -> bytes:
    return struct.pack(">i", len(s)) + s


class Session:
    def __init__(self, host, port, deadline):
        self.deadline = deadline
        self.sock = socket.create_connection((host, port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()
        self.xid = 0
        # ConnectRequest: protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly
        body = struct.pack(">iqiq", 0, 0, 30000, 0) + jstring(b"\0" * 16) + b"\0"
        self.sock.sendall(struct.pack(">i", len(body)) + body)
        frame = self._read_frames(1)[0]
        _, _, self.session_id = struct.unpack_from(">iiq", frame)
        if self.session_id == 0:
            raise RuntimeError("the server refused the session")

    def _recv(self):
        if time.monotonic() > self.deadline:
            raise TimeoutError("time limit reached")
        self.sock.settimeout(max(1.0, min(30.0, self.deadline - time.monotonic())))
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buf += chunk

    def _read_frames(self, at_least):
        """Reads until at least `at_least` complete frames are buffered; returns all complete frames."""
        frames = []
        pos = 0
        while True:
            while len(self.buf) - pos >= 4:
                (n,) = struct.unpack_from(">i", self.buf, pos)
                if len(self.buf) - pos - 4 < n:
                    break
                frames.append(bytes(self.buf[pos + 4:pos + 4 + n]))
                pos += 4 + n
            if len(frames) >= at_least:
                del self.buf[:pos]
                return frames
            del self.buf[:pos]
            pos = 0
            self._recv()

    def create_all(self, paths, data, window, stats):
        """Creates every path in order, up to `window` in flight; counts results into stats."""
        outstanding = 0
        i = 0
        total = len(paths)
        done = 0
        while done < total:
            if i < total and outstanding < window:
                n = min(window - outstanding, 512, total - i)
                out = bytearray()
                for path in paths[i:i + n]:
                    self.xid += 1
                    body = struct.pack(">ii", self.xid, OP_CREATE) + jstring(path) + jstring(data) + ACL_OPEN + struct.pack(">i", 0)
                    out += struct.pack(">i", len(body)) + body
                self.sock.settimeout(max(1.0, self.deadline - time.monotonic()))
                self.sock.sendall(out)
                i += n
                outstanding += n
            for frame in self._read_frames(1 if outstanding >= window or i >= total else 0):
                xid, _, err = struct.unpack_from(">iqi", frame)
                if xid < 0:      # a ping reply or a notification: not ours
                    continue
                outstanding -= 1
                done += 1
                if err == ERR_OK:
                    stats["created"] += 1
                elif err == ERR_NODEEXISTS:
                    stats["exists"] += 1
                else:
                    raise RuntimeError(f"create failed with error code {err}")
            if time.monotonic() > self.deadline:
                raise TimeoutError("time limit reached")

    def close(self):
        try:
            self.xid += 1
            body = struct.pack(">ii", self.xid, OP_CLOSE)
            self.sock.sendall(struct.pack(">i", len(body)) + body)
            self._read_frames(1)
        except OSError:
            pass
        finally:
            self.sock.close()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--znodes", type=int, required=True, help="children to create (parents come on top)")
    p.add_argument("--payload", type=int, default=32)
    p.add_argument("--fanout", type=int, default=1000)
    p.add_argument("--root", default="/rc")
    p.add_argument("--sessions", type=int, default=4)
    p.add_argument("--window", type=int, default=1000)
    p.add_argument("--time-limit", type=float, default=900)
    a = p.parse_args()
    if a.znodes < 1 or a.fanout < 1 or a.sessions < 1 or a.window < 1:
        p.error("--znodes, --fanout, --sessions and --window must be positive")

    started = time.monotonic()
    deadline = started + a.time_limit
    data = bytes((i % 26) + 97 for i in range(a.payload))
    root = a.root.encode()
    parents = [root + b"/p%06d" % k for k in range((a.znodes + a.fanout - 1) // a.fanout)]
    stats = {"created": 0, "exists": 0}
    errors = []

    first = Session(a.host, a.port, deadline)
    try:
        first.create_all([root], data, 1, stats)
        first.create_all(parents, data, a.window, stats)
    finally:
        first.close()

    # Children, parent by parent, dealt out to the sessions round robin.
    shares = [[] for _ in range(a.sessions)]
    for k, parent in enumerate(parents):
        count = min(a.fanout, a.znodes - k * a.fanout)
        shares[k % a.sessions].extend(parent + b"/c%06d" % c for c in range(count))
    shard_stats = [{"created": 0, "exists": 0} for _ in shares]

    def worker(n):
        try:
            s = Session(a.host, a.port, deadline)
            try:
                s.create_all(shares[n], data, a.window, shard_stats[n])
            finally:
                s.close()
        except Exception as e:  # reported below, the run fails
            errors.append(f"session {n}: {type(e).__name__}: {e}")

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(a.sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(1.0, deadline - time.monotonic() + 60))
    for s in shard_stats:
        stats["created"] += s["created"]
        stats["exists"] += s["exists"]
    seconds = time.monotonic() - started
    result = {"created": stats["created"], "exists": stats["exists"], "parents": len(parents), "children": a.znodes,
              "seconds": round(seconds, 2), "rate": round((stats["created"] + stats["exists"]) / seconds)}
    print(json.dumps(result), flush=True)
    if errors or any(t.is_alive() for t in threads):
        print("load failed: " + "; ".join(errors or ["a session did not finish"]), file=sys.stderr)
        return 1
    if stats["created"] + stats["exists"] != 1 + len(parents) + a.znodes:
        print("load incomplete", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
