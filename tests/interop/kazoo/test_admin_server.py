"""The AdminServer (HTTP, ZooKeeper 3.5+): GET /commands and /commands/<name>.

Runs only when ZK_ADMIN_PORT names the server's admin port on 127.0.0.1 (run.sh sets it).  The expected key
lists, their order and their JSON types are what Apache ZooKeeper 3.8.0 (Debian) answered in standalone mode,
recorded with curl; both targets must give the same.  Values are checked against state this test creates.

NOTE: Debian's zookeeper.jar lists Jetty in its manifest but not the servlet API: without servlet-api.jar on
the classpath ZooKeeper logs "Unable to load jetty, not starting JettyAdminServer" and has no AdminServer at
all (zk-apache.sh adds the jar when it is asked for an admin port).
"""
import json
import os
import urllib.error
import urllib.request

import pytest
from kazoo.client import KazooClient

from helpers import HOSTS, unique

ADMIN_PORT = os.environ.get("ZK_ADMIN_PORT")
pytestmark = pytest.mark.skipif(not ADMIN_PORT, reason="ZK_ADMIN_PORT is not set")
BASE = "http://127.0.0.1:%s" % ADMIN_PORT

NONE = type(None)

PRIMARY_NAMES = [
    "configuration", "connection_stat_reset", "connections", "dirs", "dump", "environment", "get_trace_mask",
    "hash", "initial_configuration", "is_read_only", "last_snapshot", "leader", "monitor",
    "observer_connection_stat_reset", "observers", "ruok", "server_stats", "set_trace_mask", "stat_reset",
    "stats", "system_properties", "voting_view", "watch_summary", "watches", "watches_by_path", "zabstate",
]

ALIASES = {
    "srvr": "server_stats", "stat": "stats", "mntr": "monitor", "conf": "configuration", "config": "configuration",
    "env": "environment", "envi": "environment", "cons": "connections", "wchs": "watch_summary", "wchc": "watches",
    "wchp": "watches_by_path", "isro": "is_read_only", "lead": "leader", "lsnp": "last_snapshot",
    "gtmk": "get_trace_mask", "icfg": "initial_configuration", "crst": "connection_stat_reset", "srst": "stat_reset",
    "orst": "observer_connection_stat_reset", "obsr": "observers", "sysp": "system_properties",
    "stmk": "set_trace_mask",
}

STATS = [("version", str), ("read_only", bool), ("server_stats", dict), ("client_response", dict),
         ("node_count", int)]
DONE = [("command", str), ("error", NONE)]

# command -> [(key, type)] in ZooKeeper's order (standalone)
SHAPES = {
    "ruok": DONE,
    "server_stats": STATS + DONE,
    "stats": STATS + [("connections", list), ("secure_connections", list)] + DONE,
    "configuration": [("client_port", int), ("data_dir", str), ("data_log_dir", str), ("tick_time", int),
                      ("max_client_cnxns", int), ("min_session_timeout", int), ("max_session_timeout", int),
                      ("server_id", int), ("client_port_listen_backlog", int)] + DONE,
    "connections": [("connections", list), ("secure_connections", list)] + DONE,
    "dirs": [("datadir_size", int), ("logdir_size", int)] + DONE,
    "dump": [("expiry_time_to_session_ids", dict), ("session_id_to_ephemeral_paths", dict)] + DONE,
    "get_trace_mask": [("tracemask", int)] + DONE,
    "hash": [("digests", list)] + DONE,
    "initial_configuration": [("initial_configuration", str)] + DONE,
    "is_read_only": [("read_only", bool)] + DONE,
    "last_snapshot": [("zxid", str), ("timestamp", int)] + DONE,
    "leader": [("error", str), ("command", str)],
    "observers": [("synced_observers", int), ("observers", list)] + DONE,
    "voting_view": [("current_config", dict)] + DONE,
    "watch_summary": [("num_connections", int), ("num_paths", int), ("num_total_watches", int)] + DONE,
    "watches": [("session_id_to_watched_paths", dict)] + DONE,
    "watches_by_path": [("path_to_session_ids", dict)] + DONE,
    "zabstate": [("voting", bool), ("zabstate", str)] + DONE,
    "stat_reset": DONE,
    "connection_stat_reset": DONE,
    "observer_connection_stat_reset": DONE,
}

SERVER_STATS = [
    ("packets_sent", int), ("packets_received", int), ("fsync_threshold_exceed_count", int),
    ("client_response_stats", dict), ("data_dir_size", int), ("log_dir_size", int), ("provider_null", bool),
    ("server_state", str), ("last_processed_zxid", int), ("outstanding_requests", int), ("avg_latency", float),
    ("max_latency", int), ("min_latency", int), ("num_alive_client_connections", int), ("auth_failed_count", int),
    ("non_mtlsremote_conn_count", int), ("non_mtlslocal_conn_count", int), ("uptime", int),
]
BUFFER_STATS = [("last_buffer_size", int), ("min_buffer_size", int), ("max_buffer_size", int)]
BRIEF_CONNECTION = [("remote_socket_address", str), ("interest_ops", int), ("outstanding_requests", int),
                    ("packets_received", int), ("packets_sent", int)]
FULL_CONNECTION = BRIEF_CONNECTION + [
    ("session_id", int), ("last_operation", str), ("established", int), ("session_timeout", int),
    ("last_cxid", int), ("last_zxid", int), ("last_response_time", int), ("last_latency", int),
    ("min_latency", int), ("avg_latency", int), ("max_latency", int),
]

# monitor: the values every ZooKeeper 3.8 has from the start (it adds labelled ones as namespaces are used)
MONITOR_CORE = [
    ("version", str), ("server_state", str), ("ephemerals_count", int), ("num_alive_connections", int),
    ("avg_latency", float), ("outstanding_requests", int), ("znode_count", int), ("global_sessions", int),
    ("packets_sent", int), ("packets_received", int), ("watch_count", int), ("min_latency", int),
    ("max_latency", int), ("approximate_data_size", int), ("open_file_descriptor_count", int),
    ("max_file_descriptor_count", int), ("uptime", int), ("connection_drop_probability", float),
    ("proposal_count", int), ("avg_readlatency", float), ("cnt_readlatency", int), ("p99_readlatency", int),
    ("avg_updatelatency", float), ("sum_updatelatency", int), ("avg_fsynctime", float),
]

# environment: the keys that mean the same on a JVM and on .NET (ActorZk lists dotnet.* for the java.* ones)
ENVIRONMENT_COMMON = ["zookeeper.version", "host.name", "os.name", "os.arch", "os.version", "user.name",
                      "user.home", "user.dir", "os.memory.free", "os.memory.max", "os.memory.total"]


def get(path):
    """(status, content type or None, body text) of GET path."""
    try:
        with urllib.request.urlopen(BASE + path, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode("utf-8", "replace")


def command(name):
    status, content_type, body = get("/commands/" + name)
    assert status == 200, body
    assert content_type == "application/json"
    return json.loads(body)


def assert_shape(obj, shape, what, ordered=True):
    # ordered=False for Java beans (ServerStats, BufferStats): Jackson writes a bean's properties in the order
    # reflection lists its methods, which the JVM does not fix (two runs of the same ZooKeeper differed)
    if ordered:
        assert [k for k, _ in shape] == list(obj), what
    else:
        assert sorted(k for k, _ in shape) == sorted(obj), what
    for key, kind in shape:
        value = obj[key]
        # JSON has one number type; ZooKeeper writes doubles with a fraction ("2.0") and longs without
        assert type(value) is kind, "%s.%s is %r, expected %s" % (what, key, value, kind.__name__)


def test_the_command_list_links_every_command_sorted():
    for path in ("/commands", "/commands/"):
        status, _, body = get(path)
        assert status == 200
        links = ['<a href="/commands/%s">%s</a>' % (n, n) for n in PRIMARY_NAMES]
        assert body == "".join(link + "\n<br/>\n" for link in links)


def test_other_paths_are_not_found():
    assert get("/")[0] == 404
    assert get("/commandsx")[0] == 404


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_shape(name):
    assert_shape(command(name), SHAPES[name], name)


def test_server_stats_nesting():
    answer = command("stats")
    assert_shape(answer["server_stats"], SERVER_STATS, "server_stats", ordered=False)
    assert_shape(answer["server_stats"]["client_response_stats"], BUFFER_STATS, "client_response_stats", ordered=False)
    assert_shape(answer["client_response"], BUFFER_STATS, "client_response", ordered=False)
    assert answer["server_stats"]["server_state"] == "standalone"
    assert answer["server_stats"]["provider_null"] is False
    for connection in answer["connections"]:
        assert_shape(connection, BRIEF_CONNECTION, "stats connection")


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_alias_answers_with_the_primary_name(alias):
    status, _, body = get("/commands/" + alias)
    assert status == 200
    assert json.loads(body)["command"] == ALIASES[alias]


def test_unknown_names_are_a_200_with_an_error():
    # names are case-sensitive, and a trailing slash is part of the name
    for name in ("nosuch", "RUOK", "ruok/"):
        assert command(name) == {"command": name, "error": "Unknown command: " + name}


def test_leader_is_an_error_in_standalone_mode():
    assert command("leader") == {"error": "server is not initialized", "command": "leader"}


def test_set_trace_mask_needs_its_argument():
    assert command("set_trace_mask") == {"error": "setTraceMask requires long traceMask argument",
                                         "command": "set_trace_mask"}
    # 306 is ZooKeeper's default mask: setting it changes nothing
    assert command("set_trace_mask?traceMask=306")["tracemask"] == 306
    assert command("gtmk")["tracemask"] == 306


def test_monitor_core_values():
    answer = command("monitor")
    assert_shape({k: answer[k] for k, _ in MONITOR_CORE}, MONITOR_CORE, "monitor")
    assert answer["server_state"] == "standalone"
    assert list(answer)[:2] == ["version", "server_state"]
    assert list(answer)[-2:] == ["command", "error"]


def test_environment_common_keys():
    answer = command("environment")
    for key in ENVIRONMENT_COMMON:
        assert isinstance(answer[key], str), key
    assert answer["os.memory.max"].endswith("MB")


def test_answers_reflect_a_session_its_ephemeral_and_its_watches():
    zk = KazooClient(hosts=HOSTS, timeout=10.0)
    zk.start(timeout=15)
    try:
        base = "/" + unique("admin")
        zk.create(base, b"")
        zk.create(base + "/eph", b"", ephemeral=True)
        zk.get(base, watch=lambda e: None)
        zk.exists(base + "/none", watch=lambda e: None)
        sid = zk.client_id[0]

        watches = command("watches")["session_id_to_watched_paths"]
        assert sorted(watches[str(sid)]) == [base, base + "/none"]
        by_path = command("watches_by_path")["path_to_session_ids"]
        assert by_path[base] == [sid] and by_path[base + "/none"] == [sid]
        summary = command("watch_summary")
        assert summary["num_connections"] >= 1 and summary["num_total_watches"] >= 2

        dump = command("dump")
        assert dump["session_id_to_ephemeral_paths"][str(sid)] == [base + "/eph"]
        assert any(sid in ids for ids in dump["expiry_time_to_session_ids"].values())

        mine = [c for c in command("connections")["connections"] if c["session_id"] == sid]
        assert len(mine) == 1
        assert_shape(mine[0], FULL_CONNECTION, "connection")
        assert mine[0]["session_timeout"] == 10000

        conf = command("configuration")
        assert conf["client_port"] == int(HOSTS.rsplit(":", 1)[1])
        assert command("is_read_only")["read_only"] is False
        assert command("server_stats")["node_count"] >= 3
        assert command("monitor")["ephemerals_count"] >= 1
    finally:
        # leave / as the other suites expect it (zkcli's walkthrough lists it)
        zk.delete(base, recursive=True)
        zk.stop()
        zk.close()
