#!/usr/bin/env python3
"""One leader failover under write load: a closed-loop writer, a SIGKILL of the leader, the gap in acknowledgements.

    failover.py --hosts H:P,H:P,... --leader-pid PID [--path /ebench-failover] [--before 200] [--after 20]
                [--session-timeout-ms 10000] [--time-limit 90]

One ZooKeeper session (raw frames, any ZooKeeper-protocol server) writes setData on PATH, one request at a time,
and notes the monotonic time of every acknowledgement. After --before acknowledgements it sends SIGKILL to
--leader-pid (a member the caller started) and goes on writing until --after acknowledgements came after the
kill. On a lost connection, a refused reconnect or no reply within 2/3 of the negotiated session timeout (what
the Java client does), it reconnects to the next host of the list after 20 ms, resuming the same session (its id,
password and last zxid seen); if the session has expired it opens a new one. Every request and reconnect counts
as an attempt; the whole run is bounded by --time-limit and by 1,000,000 attempts.

The failover time is the longest pause between consecutive acknowledgements that ends after the kill and starts
at most 1 s before it (the rule of tests/ActorZk.Ensemble.Tests' LoadWriter.Outage). Prints one JSON line:
{"failover_ms", "gap_from_ms", "gap_to_ms", "acks_before", "acks_after", "reconnects", "new_sessions",
"errors"} with the gap's ends relative to the kill; exit code 1 if the run did not complete.
"""
import argparse
import json
import os
import signal
import socket
import struct
import sys
import time

OP_SETDATA = 5
OP_CREATE = 1
ERR_OK = 0
ERR_NODEEXISTS = -110
ACL_OPEN = struct.pack(">i", 1) + struct.pack(">i", 31) + struct.pack(">i", 5) + b"world" + struct.pack(">i", 6) + b"anyone"
RECONNECT_PAUSE_S = 0.02


def jstring(s: bytes) -> bytes:
    return struct.pack(">i", len(s)) + s


class Lost(Exception):
    """The connection is unusable: reconnect."""


class Client:
    def __init__(self, hosts, session_timeout_ms, deadline):
        self.hosts = hosts
        self.next_host = 0
        self.requested_timeout = session_timeout_ms
        self.deadline = deadline
        self.sock = None
        self.buf = bytearray()
        self.session_id = 0
        self.passwd = b"\0" * 16
        self.last_zxid = 0
        self.read_timeout = session_timeout_ms * 2 / 3000
        self.xid = 0
        self.reconnects = 0
        self.new_sessions = 0

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None
        self.buf = bytearray()

    def _read_frame(self):
        end = min(self.deadline, time.monotonic() + self.read_timeout)
        while True:
            if len(self.buf) >= 4:
                (n,) = struct.unpack_from(">i", self.buf, 0)
                if len(self.buf) - 4 >= n:
                    frame = bytes(self.buf[4:4 + n])
                    del self.buf[:4 + n]
                    return frame
            left = end - time.monotonic()
            if left <= 0:
                raise Lost("no reply in time")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except (OSError, socket.timeout) as e:
                raise Lost(str(e)) from e
            if not chunk:
                raise Lost("closed by the server")
            self.buf += chunk

    def connect(self):
        """Connects to the next host, resuming the session if there is one; raises Lost on failure."""
        self.close()
        host, port = self.hosts[self.next_host % len(self.hosts)]
        self.next_host += 1
        try:
            self.sock = socket.create_connection((host, port), timeout=2)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            body = struct.pack(">iqiq", 0, self.last_zxid, self.requested_timeout, self.session_id) + jstring(self.passwd) + b"\0"
            self.sock.sendall(struct.pack(">i", len(body)) + body)
        except OSError as e:
            self.close()
            raise Lost(str(e)) from e
        frame = self._read_frame()
        _, timeout, session_id = struct.unpack_from(">iiq", frame)
        (plen,) = struct.unpack_from(">i", frame, 16)
        passwd = frame[20:20 + plen]
        if timeout <= 0 or session_id == 0:
            # expired (or refused): the next attempt opens a new session
            had = self.session_id != 0
            self.session_id, self.passwd = 0, b"\0" * 16
            self.close()
            raise Lost("session expired" if had else "session refused")
        if session_id != self.session_id:
            self.new_sessions += 1
        self.session_id, self.passwd = session_id, passwd
        self.read_timeout = timeout * 2 / 3000

    def request(self, op, body):
        """Sends one request and returns its error code; raises Lost when the connection fails."""
        self.xid += 1
        frame = struct.pack(">ii", self.xid, op) + body
        try:
            self.sock.sendall(struct.pack(">i", len(frame)) + frame)
        except OSError as e:
            raise Lost(str(e)) from e
        while True:
            reply = self._read_frame()
            xid, zxid, err = struct.unpack_from(">iqi", reply)
            if xid == self.xid:
                if zxid > 0:
                    self.last_zxid = max(self.last_zxid, zxid)
                return err
            # pings (-2) and notifications (-1) are not expected; skip anything else


def parse_hosts(text):
    hosts = []
    for part in text.split(","):
        host, _, port = part.strip().rpartition(":")
        hosts.append((host, int(port)))
    return hosts


def outage(acks, killed):
    best = (0.0, killed, killed)
    for a, b in zip(acks, acks[1:]):
        if b > killed and a >= killed - 1.0 and b - a > best[0]:
            best = (b - a, a, b)
    return best


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--hosts", required=True)
    p.add_argument("--leader-pid", type=int, required=True)
    p.add_argument("--path", default="/ebench-failover")
    p.add_argument("--before", type=int, default=200)
    p.add_argument("--after", type=int, default=20)
    p.add_argument("--session-timeout-ms", type=int, default=10000)
    p.add_argument("--time-limit", type=float, default=90)
    a = p.parse_args()

    deadline = time.monotonic() + a.time_limit
    client = Client(parse_hosts(a.hosts), a.session_timeout_ms, deadline)
    path = a.path.encode()
    setdata = jstring(path) + jstring(b"x" * 16) + struct.pack(">i", -1)
    acks, killed, errors = [], None, {}
    connected = False
    attempts = 0
    while time.monotonic() < deadline and attempts < 1_000_000:
        attempts += 1
        try:
            if not connected:
                client.connect()
                connected = True
                if not acks and killed is None:
                    err = client.request(OP_CREATE, jstring(path) + jstring(b"") + ACL_OPEN + struct.pack(">i", 0))
                    if err not in (ERR_OK, ERR_NODEEXISTS):
                        raise Lost(f"create {a.path}: error {err}")
            err = client.request(OP_SETDATA, setdata)
            if err != ERR_OK:
                # e.g. connection loss reported by a member without a leader: count it, pause, try again
                errors[str(err)] = errors.get(str(err), 0) + 1
                time.sleep(RECONNECT_PAUSE_S)
                continue
            now = time.monotonic()
            acks.append(now)
            if killed is None and len(acks) >= a.before:
                killed = time.monotonic()
                os.kill(a.leader_pid, signal.SIGKILL)
            elif killed is not None and sum(1 for t in acks[-a.after:] if t > killed) >= a.after:
                break
        except Lost as e:
            key = str(e).split(":")[0][:40]
            errors[key] = errors.get(key, 0) + 1
            connected = False
            client.reconnects += 1
            client.close()
            time.sleep(RECONNECT_PAUSE_S)
    client.close()
    done = killed is not None and sum(1 for t in acks if t > killed) >= a.after
    result = {"completed": done, "acks_before": sum(1 for t in acks if killed is None or t <= killed),
              "acks_after": sum(1 for t in acks if killed is not None and t > killed),
              "reconnects": client.reconnects, "new_sessions": client.new_sessions, "errors": errors}
    if killed is not None:
        gap, start, end = outage(acks, killed)
        result.update(failover_ms=round(gap * 1000, 1), gap_from_ms=round((start - killed) * 1000, 1),
                      gap_to_ms=round((end - killed) * 1000, 1))
    print(json.dumps(result))
    return 0 if done else 1


if __name__ == "__main__":
    sys.exit(main())
