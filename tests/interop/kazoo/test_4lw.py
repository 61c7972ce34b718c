"""Four-letter words over a raw socket (the server runs with
4lw.commands.whitelist=*).  Each command is sent as the very first bytes
of a fresh connection; the server answers and closes the connection."""
import re

import pytest

import zkraw
from helpers import HOSTS, four_letter, host_port


def kv_lines(text, sep):
    out = {}
    for line in text.splitlines():
        if sep in line:
            k, v = line.split(sep, 1)
            out[k] = v
    return out


def test_ruok():
    # exactly "imok", no newline
    assert four_letter("ruok") == "imok"


def test_ruok_with_trailing_newline():
    # only the first 4 bytes are read (telnet / nc style input)
    assert four_letter("ruok\n") == "imok"


def test_isro():
    assert four_letter("isro") == "rw"


def test_unknown_word_closes_silently():
    # not a known command: the 4 bytes are taken as a frame length
    # (0x78797a77, far above jute.maxbuffer) and the connection is closed
    assert four_letter("xyzw") == ""


SRVR_PATTERNS = [
    r"Zookeeper version: .+",
    r"Latency min/avg/max: \d+/[\d.]+/\d+",
    r"Received: \d+",
    r"Sent: \d+",
    r"Connections: \d+",
    r"Outstanding: \d+",
    r"Zxid: 0x[0-9a-f]+",
    r"Mode: standalone",
    r"Node count: \d+",
]


def test_srvr(zk, root):
    zk.create(root + "/x")
    zxid = zk.last_zxid
    out = four_letter("srvr")
    lines = out.split("\n")
    assert lines[-1] == ""                  # ends with a newline
    lines = lines[:-1]
    assert len(lines) == len(SRVR_PATTERNS), out
    for pattern, line in zip(SRVR_PATTERNS, lines):
        assert re.fullmatch(pattern, line), (pattern, line)
    # Zxid is the last committed zxid in lower-case hex without padding
    assert "Zxid: 0x%x" % zxid in lines
    # Node count counts the root twice ("" and "/" are both in the node
    # map): it equals getAllChildrenNumber("/") + 2 (5 on an empty server)
    with zkraw.RawZk(HOSTS) as raw:
        total = raw.get_all_children_number("/")
    assert "Node count: %d" % (total + 2) in lines


def test_stat(zk):
    zk.exists("/")
    out = four_letter("stat")
    lines = out.split("\n")
    assert re.fullmatch(r"Zookeeper version: .+", lines[0])
    assert lines[1] == "Clients:"
    # one line per connection, then a blank line, then the srvr lines
    blank = lines.index("")
    clients = lines[2:blank]
    for line in clients:
        assert re.fullmatch(r" /127\.0\.0\.1:\d+\[\d+\]\(queued=\d+,recved=\d+,sent=\d+\)",
                            line), line
    # the kazoo session ([1] = initialized) and this very 4lw connection ([0])
    assert any(re.match(r" /127\.0\.0\.1:\d+\[1\]", l) for l in clients)
    assert any(re.match(r" /127\.0\.0\.1:\d+\[0\]\(queued=0,recved=1,sent=0\)", l)
               for l in clients)
    rest = lines[blank + 1:-1]
    assert len(rest) == len(SRVR_PATTERNS) - 1
    for pattern, line in zip(SRVR_PATTERNS[1:], rest):
        assert re.fullmatch(pattern, line), (pattern, line)


def test_cons(zk):
    zk.exists("/")
    sid = zk.client_id[0]
    out = four_letter("cons")
    assert out.endswith("\n\n")
    lines = out.split("\n")[:-2]
    mine = [l for l in lines if "sid=0x%x," % sid in l]
    assert len(mine) == 1, out
    assert re.fullmatch(
        r" /127\.0\.0\.1:\d+\[1\]\(queued=\d+,recved=\d+,sent=\d+,sid=0x%x,"
        r"lop=\w+,est=\d+,to=10000,lcxid=0x[0-9a-f]+,lzxid=0x[0-9a-f]+,"
        r"lresp=\d+,llat=\d+,minlat=\d+,avglat=\d+,maxlat=\d+\)" % sid, mine[0]), mine[0]
    # the 4lw connection itself is listed without session details
    assert any(re.fullmatch(r" /127\.0\.0\.1:\d+\[0\]\(queued=0,recved=1,sent=0\)", l)
               for l in lines)


def test_conf():
    out = four_letter("conf")
    conf = kv_lines(out, "=")
    _, port = host_port(HOSTS)
    assert conf["clientPort"] == str(port)
    assert conf["tickTime"] == "1000"
    assert conf["minSessionTimeout"] == "2000"
    assert conf["maxSessionTimeout"] == "60000"
    assert conf["serverId"] == "0"
    for key in ("dataDir", "dataLogDir", "maxClientCnxns"):
        assert key in conf, out
    assert out.endswith("\n")


def test_envi():
    out = four_letter("envi")
    lines = out.split("\n")
    assert lines[0] == "Environment:"
    env = kv_lines(out, "=")
    # ZooKeeper also lists java.* properties (java.version, java.home, ...);
    # those describe the JVM and are not required from other servers
    for key in ("zookeeper.version", "host.name", "os.name", "user.name",
                "user.dir"):
        assert key in env, key


def test_mntr(zk, root):
    out = four_letter("mntr")
    lines = out.rstrip("\n").split("\n")
    for line in lines:
        # (3.8 also emits per-namespace metrics such as
        # zk_avg_<top-level-node>_read_per_namespace; not required)
        assert re.fullmatch(r"zk_[^\t\n]+\t[^\t\n]*", line), line
    m = kv_lines(out, "\t")
    assert lines[0].startswith("zk_version\t")
    assert m["zk_server_state"] == "standalone"
    for key in ("zk_avg_latency", "zk_max_latency", "zk_min_latency",
                "zk_packets_received", "zk_packets_sent",
                "zk_num_alive_connections", "zk_outstanding_requests",
                "zk_znode_count", "zk_watch_count", "zk_ephemerals_count",
                "zk_approximate_data_size", "zk_open_file_descriptor_count",
                "zk_max_file_descriptor_count"):
        assert key in m, key
        float(m[key])
    # counts follow the tree exactly
    with zkraw.RawZk(HOSTS) as raw:
        total = raw.get_all_children_number("/")
    assert int(m["zk_znode_count"]) == total + 2
    eph0 = int(m["zk_ephemerals_count"])
    watch0 = int(m["zk_watch_count"])
    zk.create(root + "/e", ephemeral=True)
    zk.get(root + "/e", watch=lambda e: None)
    zk.get_children(root, watch=lambda e: None)
    m2 = kv_lines(four_letter("mntr"), "\t")
    assert int(m2["zk_ephemerals_count"]) == eph0 + 1
    # zk_watch_count counts data *and* child watches
    assert int(m2["zk_watch_count"]) == watch0 + 2
    assert int(m2["zk_znode_count"]) == total + 3


def test_wchs_wchc_wchp(make_client, root):
    before = four_letter("wchs")
    m = re.fullmatch(r"(\d+) connections watching (\d+) paths\nTotal watches:(\d+)\n", before)
    assert m, before
    conns0, paths0, total0 = map(int, m.groups())

    c = make_client()
    c.create(root + "/a")
    c.get(root + "/a", watch=lambda e: None)          # data watch
    c.exists(root + "/missing", watch=lambda e: None)  # data watch (exists)
    c.get_children(root, watch=lambda e: None)         # child watch
    sid = c.client_id[0]

    after = four_letter("wchs")
    m = re.fullmatch(r"(\d+) connections watching (\d+) paths\nTotal watches:(\d+)\n", after)
    assert m, after
    # SURPRISE: wchs / wchc / wchp only report *data* watches (getData and
    # exists); child watches are not included (DataTree.dumpWatchesSummary)
    assert tuple(map(int, m.groups())) == (conns0 + 1, paths0 + 2, total0 + 2)

    wchc = four_letter("wchc")
    block = "0x%x\n\t%s\n\t%s\n" % (sid, root + "/a", root + "/missing")
    block_rev = "0x%x\n\t%s\n\t%s\n" % (sid, root + "/missing", root + "/a")
    assert block in wchc or block_rev in wchc, wchc
    assert wchc.endswith("\n\n")

    wchp = four_letter("wchp")
    assert "%s\n\t0x%x\n" % (root + "/a", sid) in wchp
    assert "%s\n\t0x%x\n" % (root + "/missing", sid) in wchp
    assert "%s\n\t0x%x\n" % (root, sid) not in wchp


def test_dump(make_client, root):
    c = make_client()
    path = c.create(root + "/eph", ephemeral=True)
    sid = c.client_id[0]
    out = four_letter("dump")
    lines = out.split("\n")
    assert lines[0] == "SessionTracker dump:"
    assert "ephemeral nodes dump:" in lines
    assert re.search(r"^Sessions with Ephemerals \(\d+\):$", out, re.M)
    assert "0x%x:\n\t%s\n" % (sid, path) in out
    assert "Connections dump:" in lines
    # the session appears in the session tracker's expiry buckets
    assert re.search(r"^\t0x%x$" % sid, out, re.M)


def test_kazoo_command_and_server_version(zk):
    # kazoo's helpers go through the same 4lw port: command() sends the word
    # on a new socket, server_version() parses "zookeeper.version=" of envi
    assert zk.command(b"ruok") == "imok"
    version = zk.server_version()
    # Apache ZooKeeper here reports (3, 8, 0); a compatible server should
    # claim at least 3.6 (persistent watches, whoAmI-era protocol)
    assert len(version) >= 2
    assert version >= (3, 6), version
