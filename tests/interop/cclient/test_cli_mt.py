"""The ZooKeeper C client (libzookeeper-mt, Debian package zookeeper-bin:
/usr/lib/zookeeper/bin/cli_mt) driven through its stdin.

cli_mt is asynchronous: it reads one command per line and prints the
completion later, everything on stderr.  The driver sends one command,
then waits (bounded) for that command's completion line and the lines that
follow it.  Formats (zookeeper-client-c/src/cli.c):
  create:  "Creating [<path>] node (mode: <m>)", "[<path>]: rc = <rc>",
           "\tname = <actual path>"          (data is always "new")
  get:     "<path>: rc = <rc>", " value_len = <n>", <value>, "Stat:", dumpStat
  set:     "<path>: rc = <rc> Stat:", dumpStat
  exists:  synchronous in cli_mt: prints nothing on success,
           "Error <rc> for <path>" otherwise
  ls:      "<path>: rc = <rc>", "\t<child>"...
  delete:  "<path>: rc = <rc>"
  dumpStat: "\tctime = <ctime(3)>", "\tczxid=<hex>", "\tmtime=<ctime(3)>",
            "\tmzxid=<hex>", "\tversion=<hex>\taversion=<hex>",
            "\tephemeralOwner = <hex>"    or "null"
"""
import os
import queue
import re
import subprocess
import threading
import time
import uuid

import pytest
from kazoo.client import KazooClient

HOSTS = os.environ.get("ZK_HOSTS", "127.0.0.1:2181")
CLI = os.environ.get("ZK_CLI_MT", "/usr/lib/zookeeper/bin/cli_mt")
CTIME = r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}"


class CliMt:
    def __init__(self, hosts):
        self.proc = subprocess.Popen(
            [CLI, "-h", hosts], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, bufsize=1)
        self.lines = queue.Queue()
        self.log = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)        # EOF

    def send(self, command):
        self.log.append(">>> " + command)
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def next_line(self, timeout=10.0):
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("cli_mt: no output within %.0fs; transcript:\n%s"
                                 % (timeout, "\n".join(self.log)))
        if line is None:
            raise AssertionError("cli_mt exited; transcript:\n" + "\n".join(self.log))
        self.log.append(line)
        return line

    def wait_for(self, pattern, timeout=10.0):
        """Skip lines until one matches `pattern` (bounded); return the match."""
        deadline = time.monotonic() + timeout
        for _ in range(10000):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            m = re.fullmatch(pattern, self.next_line(remaining))
            if m:
                return m
        raise AssertionError("cli_mt: %r not seen; transcript:\n%s"
                             % (pattern, "\n".join(self.log)))

    def expect(self, pattern, timeout=10.0):
        """The very next line must match."""
        line = self.next_line(timeout)
        m = re.fullmatch(pattern, line)
        assert m, "expected /%s/, got %r; transcript:\n%s" % (
            pattern, line, "\n".join(self.log))
        return m

    def read_stat(self):
        st = {}
        st["ctime"] = self.expect(r"\tctime = (%s)" % CTIME).group(1)
        st["czxid"] = int(self.expect(r"\tczxid=([0-9a-f]+)").group(1), 16)
        st["mtime"] = self.expect(r"\tmtime=(%s)" % CTIME).group(1)
        st["mzxid"] = int(self.expect(r"\tmzxid=([0-9a-f]+)").group(1), 16)
        m = self.expect(r"\tversion=([0-9a-f]+)\taversion=([0-9a-f]+)")
        st["version"], st["aversion"] = int(m.group(1), 16), int(m.group(2), 16)
        st["ephemeralOwner"] = int(self.expect(r"\tephemeralOwner = ([0-9a-f]+)").group(1), 16)
        return st

    # --- commands -----------------------------------------------------------
    def create(self, flags, path):
        cmd = "create %s%s" % (flags + " " if flags else "", path)
        self.send(cmd)
        self.wait_for(r"Creating \[%s\] node \(mode: \d+\)" % re.escape(path))
        rc = int(self.wait_for(r"\[%s\]: rc = (-?\d+)" % re.escape(path)).group(1))
        name = self.expect(r"\tname = (.*)").group(1) if rc == 0 else None
        return rc, name

    def get(self, path):
        self.send("get " + path)
        rc = int(self.wait_for(r"%s: rc = (-?\d+)" % re.escape(path)).group(1))
        if rc != 0:
            self.expect(r"")
            self.expect(r"Stat:")
            self.expect(r"null")
            return rc, None, None
        n = int(self.expect(r" value_len = (\d+)").group(1))
        value = self.next_line() if n else ""
        if n:
            assert len(value.encode()) == n
        else:
            assert value == ""  # empty value: the "\n" before Stat: only
        self.expect(r"Stat:")
        return rc, value, self.read_stat()

    def stat_cmd(self, command, path):
        self.send(command)
        rc = int(self.wait_for(r"%s: rc = (-?\d+) Stat:" % re.escape(path)).group(1))
        if rc != 0:
            self.expect(r"null")
            return rc, None
        return rc, self.read_stat()

    def exists(self, path):
        """cli_mt's exists is synchronous and silent on success; a following
        sync (whose completion is always printed) delimits its output."""
        self.send("exists " + path)
        self.send("sync " + path)
        for _ in range(100000):
            line = self.next_line()
            m = re.fullmatch(r"Error (-?\d+) for %s" % re.escape(path), line)
            if m:
                rc = int(m.group(1))
                self.wait_for(r"\[%s\]: rc = 0" % re.escape(path))
                self.expect(r"\tname = %s" % re.escape(path))
                return rc
            if re.fullmatch(r"\[%s\]: rc = 0" % re.escape(path), line):
                self.expect(r"\tname = %s" % re.escape(path))
                return 0
        raise AssertionError("unreachable")

    def ls(self, path):
        self.send("ls " + path)
        rc = int(self.wait_for(r"%s: rc = (-?\d+)" % re.escape(path)).group(1))
        children = []
        if rc == 0:
            # children lines are "\t<name>"; the listing ends with the next
            # command's output, so use a sync to delimit it
            self.send("sync " + path)
            for _ in range(100000):
                line = self.next_line()
                if line.startswith("\t"):
                    children.append(line[1:])
                elif re.fullmatch(r"\[%s\]: rc = 0" % re.escape(path), line):
                    self.expect(r"\tname = %s" % re.escape(path))
                    break
        return rc, children

    def delete(self, path):
        self.send("delete " + path)
        return int(self.wait_for(r"%s: rc = (-?\d+)" % re.escape(path)).group(1))

    def quit(self, timeout=15):
        self.send("quit")
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            raise AssertionError("cli_mt did not exit after quit")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture
def kz():
    c = KazooClient(hosts=HOSTS)
    c.start(timeout=15)
    yield c
    c.stop()
    c.close()


@pytest.fixture
def base(kz):
    path = "/cclient-" + uuid.uuid4().hex[:8]
    yield path
    if kz.exists(path):
        kz.delete(path, recursive=True)


@pytest.fixture
def cli():
    c = CliMt(HOSTS)
    c.wait_for(r"Watcher SESSION_EVENT state = CONNECTED_STATE", timeout=15)
    c.session_id = int(c.wait_for(r"Got a new session id: 0x([0-9a-f]+)").group(1), 16)
    yield c
    c.kill()


def test_cli_mt_walkthrough(cli, kz, base):
    rc, name = cli.create("", base)
    assert (rc, name) == (0, base)
    assert kz.get(base)[0] == b"new"          # cli.c always writes "new"

    rc, value, st = cli.get(base)
    assert (rc, value) == (0, "new")
    kstat = kz.exists(base)
    assert st["czxid"] == st["mzxid"] == kstat.czxid
    assert (st["version"], st["aversion"], st["ephemeralOwner"]) == (0, 0, 0)
    assert st["ctime"] == st["mtime"]

    # set: "set <path> <data>"
    rc, st = cli.stat_cmd("set %s hello world" % base, base)
    assert rc == 0
    assert st["version"] == 1 and st["mzxid"] > st["czxid"]
    rc, value, st = cli.get(base)
    assert (rc, value, st["version"]) == (0, "hello world", 1)
    assert kz.get(base)[0] == b"hello world"

    assert cli.exists(base) == 0

    rc, children = cli.ls("/")
    assert rc == 0
    assert base[1:] in children and "zookeeper" in children

    # sequential, ephemeral, ephemeral-sequential children
    assert cli.create("+s", base + "/s-") == (0, base + "/s-0000000000")
    assert cli.create("+s", base + "/s-") == (0, base + "/s-0000000001")
    assert cli.create("+e", base + "/eph") == (0, base + "/eph")
    assert cli.create("+es", base + "/es-") == (0, base + "/es-0000000003")
    assert kz.exists(base + "/eph").ephemeralOwner == cli.session_id
    rc, children = cli.ls(base)
    assert rc == 0
    assert sorted(children) == ["eph", "es-0000000003", "s-0000000000", "s-0000000001"]

    # errors come back as ZooKeeper error codes
    assert cli.create("", base) == (-110, None)            # ZNODEEXISTS
    assert cli.delete(base) == -111                        # ZNOTEMPTY
    assert cli.get(base + "/missing")[0] == -101           # ZNONODE
    assert cli.exists(base + "/missing") == -101
    assert cli.create("", base + "/missing/child") == (-101, None)
    assert cli.create("+e", base + "/eph/child") == (-108, None)   # ZNOCHILDRENFOREPHEMERALS

    # container and TTL nodes through the C client (createContainer /
    # createTTL opcodes)
    assert cli.create("+c", base + "/container") == (0, base + "/container")
    assert cli.create("+t=60000", base + "/ttl") == (0, base + "/ttl")
    assert cli.create("+st=60000", base + "/ttls-") == (0, base + "/ttls-0000000006")
    assert kz.exists(base + "/container").ephemeralOwner == 0
    assert kz.exists(base + "/ttl").ephemeralOwner == 0

    for child in ("s-0000000000", "s-0000000001", "eph", "es-0000000003",
                  "container", "ttl", "ttls-0000000006"):
        assert cli.delete(base + "/" + child) == 0
    assert cli.delete(base) == 0
    assert cli.delete(base) == -101
    assert cli.exists(base) == -101
    assert kz.exists(base) is None

    assert cli.quit() == 0


def test_cli_mt_session_close_removes_ephemerals(cli, kz, base):
    path = base + "-eph"
    assert cli.create("+e", path) == (0, path)
    assert kz.exists(path).ephemeralOwner == cli.session_id
    assert cli.quit() == 0          # zookeeper_close -> closeSession
    for _ in range(100):
        if kz.exists(path) is None:
            break
        time.sleep(0.05)
    assert kz.exists(path) is None
