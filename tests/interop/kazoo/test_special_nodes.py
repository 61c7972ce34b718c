"""The root and the /zookeeper, /zookeeper/quota, /zookeeper/config nodes as
a standalone ZooKeeper 3.8 shows them on a fresh server.  These tests never
modify those nodes."""
import pytest
from kazoo.exceptions import BadArgumentsError, NoAuthError
from kazoo.security import ACL, Id

import zkraw
from helpers import HOSTS

ZERO_STAT = dict(czxid=0, mzxid=0, ctime=0, mtime=0, version=0,
                 ephemeralOwner=0, dataLength=0, pzxid=0)


def stat_dict(stat):
    return {k: getattr(stat, k) for k in stat._fields}


def test_zookeeper_node(zk):
    assert sorted(zk.get_children("/zookeeper")) == ["config", "quota"]
    data, stat = zk.get("/zookeeper")
    assert data == b""
    # built-in nodes have all-zero zxids and times.  cversion is -2: the
    # server stores 0 creates and reports 2*creates - numChildren
    assert stat_dict(stat) == dict(ZERO_STAT, cversion=-2, aversion=0, numChildren=2)
    assert zk.get_acls("/zookeeper")[0] == [ACL(31, Id("world", "anyone"))]


def test_quota_node(zk):
    data, stat = zk.get("/zookeeper/quota")
    assert data == b""
    assert stat_dict(stat) == dict(ZERO_STAT, cversion=0, aversion=0, numChildren=0)
    assert zk.get_children("/zookeeper/quota") == []
    assert zk.get_acls("/zookeeper/quota")[0] == [ACL(31, Id("world", "anyone"))]


def test_config_node(zk):
    data, stat = zk.get("/zookeeper/config")
    # standalone without dynamic reconfig: empty data
    assert data == b""
    # SURPRISE: aclVersion is -1 (the server sets READ_ACL_UNSAFE on it with
    # setACL(..., -1) at startup, which stores -1 as the new aversion)
    assert stat_dict(stat) == dict(ZERO_STAT, cversion=0, aversion=-1, numChildren=0)
    assert zk.get_acls("/zookeeper/config")[0] == [ACL(1, Id("world", "anyone"))]
    with pytest.raises(NoAuthError):
        zk.set("/zookeeper/config", b"x")
    with pytest.raises(NoAuthError):
        zk.create("/zookeeper/config/child")


def test_reserved_nodes_cannot_be_deleted(zk):
    for path in ("/zookeeper", "/zookeeper/quota", "/zookeeper/config", "/"):
        with pytest.raises(BadArgumentsError):
            zk.delete(path)


def test_root_node(zk):
    data, stat = zk.get("/")
    assert data == b""
    assert stat.czxid == 0 and stat.ctime == 0
    assert stat.ephemeralOwner == 0
    assert "zookeeper" in zk.get_children("/")
    assert zk.get_acls("/")[0] == [ACL(31, Id("world", "anyone"))]


def test_all_children_number_of_reserved_nodes():
    with zkraw.RawZk(HOSTS) as raw:
        assert raw.get_all_children_number("/zookeeper") == 2
        assert raw.get_all_children_number("/zookeeper/quota") == 0
