"""multi / transactions: all-or-nothing, per-op results, check op,
multiRead (raw), zxid accounting."""
import pytest
from kazoo.exceptions import (
    BadVersionError,
    NodeExistsError,
    NoNodeError,
    NotEmptyError,
    RolledBackError,
    RuntimeInconsistency,
)
from kazoo.protocol.states import ZnodeStat

import zkraw
from helpers import HOSTS


def test_successful_transaction_results(zk, root):
    zk.create(root + "/a", b"0")
    t = zk.transaction()
    t.create(root + "/b", b"1")
    t.create(root + "/b/c")                  # sees the earlier op's node
    t.set_data(root + "/a", b"x")
    t.check(root + "/a", 1)                  # sees the earlier set_data
    t.delete(root + "/b/c")
    t.create(root + "/s-", sequence=True)
    results = t.commit()
    multi_zxid = zk.last_zxid

    assert results[0] == root + "/b"
    assert results[1] == root + "/b/c"
    assert isinstance(results[2], ZnodeStat)
    assert results[2].version == 1
    assert results[2].mzxid == multi_zxid
    assert results[3] is True
    assert results[4] is True
    # 4 child creates under root so far (a, b, s-): a=0, b=1, s-=2
    assert results[5] == root + "/s-0000000002"
    assert len(results) == 6

    # every op of a multi carries the same zxid
    b = zk.exists(root + "/b")
    s = zk.exists(results[5])
    assert b.czxid == s.czxid == multi_zxid
    assert zk.exists(root + "/a").mzxid == multi_zxid
    # b/c was created and deleted inside the txn: b's pzxid is that zxid and
    # its visible cversion counts both changes
    assert b.pzxid == multi_zxid
    assert b.cversion == 2
    assert b.numChildren == 0


def test_failed_transaction_is_all_or_nothing(zk, root):
    zk.create(root + "/a", b"0")
    before = zk.exists(root)
    t = zk.transaction()
    t.create(root + "/d")
    t.check(root + "/a", 5)                  # wrong version -> fails
    t.delete(root + "/a")
    t.create(root + "/e")
    results = t.commit()
    # ops before the failure: RolledBackError (err 0 in an ErrorResult),
    # the failing op: its own error, ops after it: RuntimeInconsistency (-2)
    assert [type(r) for r in results] == [
        RolledBackError, BadVersionError, RuntimeInconsistency, RuntimeInconsistency]
    assert zk.exists(root + "/d") is None
    assert zk.exists(root + "/e") is None
    assert zk.get(root + "/a")[0] == b"0"
    after = zk.exists(root)
    assert (after.cversion, after.pzxid, after.numChildren) == \
        (before.cversion, before.pzxid, before.numChildren)


@pytest.mark.parametrize("case", ["exists", "nonode", "notempty", "badversion"])
def test_failed_transaction_error_codes(zk, root, case):
    zk.create(root + "/full")
    zk.create(root + "/full/kid")
    t = zk.transaction()
    if case == "exists":
        t.create(root + "/x")
        t.create(root + "/x")
        expected = [RolledBackError, NodeExistsError]
    elif case == "nonode":
        t.delete(root + "/missing")
        t.create(root + "/y")
        expected = [NoNodeError, RuntimeInconsistency]
    elif case == "notempty":
        t.set_data(root + "/full", b"v")
        t.delete(root + "/full")
        expected = [RolledBackError, NotEmptyError]
    else:
        t.set_data(root + "/full", b"v", version=3)
        expected = [BadVersionError]
    results = t.commit()
    assert [type(r) for r in results] == expected
    assert sorted(zk.get_children(root)) == ["full"]
    assert zk.exists(root + "/full").version == 0


def test_transaction_context_manager_and_empty(zk, root):
    with zk.transaction() as t:
        t.create(root + "/cm", b"v")
    assert zk.get(root + "/cm")[0] == b"v"
    # an empty multi is legal and returns no results
    assert zk.transaction().commit() == []


def test_transaction_ephemeral_create(zk, root):
    t = zk.transaction()
    t.create(root + "/eph", ephemeral=True)
    t.create(root + "/eph-s-", ephemeral=True, sequence=True)
    res = t.commit()
    assert res == [root + "/eph", root + "/eph-s-0000000001"]
    assert zk.exists(res[0]).ephemeralOwner == zk.client_id[0]
    assert zk.exists(res[1]).ephemeralOwner == zk.client_id[0]


def test_failed_writes_consume_zxids(zk, root):
    """A write that fails in PrepRequestProcessor is still logged as an error
    txn and takes a zxid: the error reply carries a new zxid and the next
    successful write gets the following one.  (Empty and failed multis too.)"""
    zk.create(root + "/z")
    z0 = zk.last_zxid
    with pytest.raises(NodeExistsError):
        zk.create(root + "/z")
    assert zk.last_zxid == z0 + 1
    _, st = zk.create(root + "/z2", include_data=True)
    assert st.czxid == z0 + 2
    zk.transaction().commit()
    assert zk.last_zxid == z0 + 3
    t = zk.transaction()
    t.check(root + "/z", 99)
    t.commit()
    assert zk.last_zxid == z0 + 4
    # reads do not consume zxids; their reply carries the last zxid
    zk.get(root + "/z")
    assert zk.last_zxid == z0 + 4


# ---------------------------------------------------------------------------
# raw multi / multiRead encoding (what kazoo and Curator put on the wire)
# ---------------------------------------------------------------------------
def _multi_header(op_type, done, err):
    return zkraw.enc_int(op_type) + zkraw.enc_bool(done) + zkraw.enc_int(err)


def test_raw_multi_read(root):
    with zkraw.RawZk(HOSTS) as raw:
        raw.create(root + "/r", b"rv")
        raw.create(root + "/r/k1")
        body = (_multi_header(zkraw.OP_GET_CHILDREN, False, -1)
                + zkraw.enc_string(root + "/r") + zkraw.enc_bool(False)
                + _multi_header(zkraw.OP_GET_DATA, False, -1)
                + zkraw.enc_string(root + "/r") + zkraw.enc_bool(False)
                + _multi_header(zkraw.OP_GET_DATA, False, -1)
                + zkraw.enc_string(root + "/missing") + zkraw.enc_bool(False)
                + _multi_header(-1, True, -1))
        hdr, r = raw.call(zkraw.OP_MULTI_READ, body)
        # multiRead is not atomic: each op has its own result, a failing op
        # yields an ErrorResult (type -1) and the others still succeed
        assert hdr.err == 0
        assert (r.int(), r.bool(), r.int()) == (zkraw.OP_GET_CHILDREN, False, 0)
        assert r.strings() == ["k1"]
        assert (r.int(), r.bool(), r.int()) == (zkraw.OP_GET_DATA, False, 0)
        assert r.buffer() == b"rv"
        assert r.stat().numChildren == 1
        assert (r.int(), r.bool(), r.int()) == (-1, False, zkraw.E_NO_NODE)
        assert r.int() == zkraw.E_NO_NODE
        assert (r.int(), r.bool(), r.int()) == (-1, True, -1)
        assert r.remaining() == 0


def test_raw_multi_failure_encoding(root):
    with zkraw.RawZk(HOSTS) as raw:
        acl = zkraw.enc_acl(zkraw.OPEN_ACL_UNSAFE)
        body = (_multi_header(zkraw.OP_CREATE, False, -1)
                + zkraw.enc_string(root + "/m1") + zkraw.enc_buffer(b"")
                + acl + zkraw.enc_int(0)
                + _multi_header(zkraw.OP_DELETE, False, -1)
                + zkraw.enc_string(root + "/nope") + zkraw.enc_int(-1)
                + _multi_header(zkraw.OP_SET_DATA, False, -1)
                + zkraw.enc_string(root) + zkraw.enc_buffer(b"") + zkraw.enc_int(-1)
                + _multi_header(-1, True, -1))
        hdr, r = raw.call(zkraw.OP_MULTI, body)
        # SURPRISE: a failed multi still answers ReplyHeader.err == 0; the
        # failure is only visible in the per-op ErrorResults
        assert hdr.err == 0
        # every op answers an ErrorResult: 0 (rolled back), -101, -2
        for code in (0, zkraw.E_NO_NODE, zkraw.E_RUNTIME_INCONSISTENCY):
            assert (r.int(), r.bool(), r.int()) == (-1, False, code)
            assert r.int() == code
        assert (r.int(), r.bool(), r.int()) == (-1, True, -1)
        assert raw.exists(root + "/m1") is None

        # successful multi: one result per op, typed by the op code;
        # create -> CreateResponse(path), delete -> nothing,
        # setData -> SetDataResponse(stat), check -> nothing
        body = (_multi_header(zkraw.OP_CREATE, False, -1)
                + zkraw.enc_string(root + "/m2") + zkraw.enc_buffer(b"")
                + acl + zkraw.enc_int(0)
                + _multi_header(zkraw.OP_SET_DATA, False, -1)
                + zkraw.enc_string(root + "/m2") + zkraw.enc_buffer(b"q") + zkraw.enc_int(0)
                + _multi_header(zkraw.OP_CHECK, False, -1)
                + zkraw.enc_string(root + "/m2") + zkraw.enc_int(1)
                + _multi_header(zkraw.OP_DELETE, False, -1)
                + zkraw.enc_string(root + "/m2") + zkraw.enc_int(1)
                + _multi_header(-1, True, -1))
        hdr, r = raw.call(zkraw.OP_MULTI, body)
        assert hdr.err == 0
        assert (r.int(), r.bool(), r.int()) == (zkraw.OP_CREATE, False, 0)
        assert r.string() == root + "/m2"
        assert (r.int(), r.bool(), r.int()) == (zkraw.OP_SET_DATA, False, 0)
        assert r.stat().version == 1
        assert (r.int(), r.bool(), r.int()) == (zkraw.OP_CHECK, False, 0)
        assert (r.int(), r.bool(), r.int()) == (zkraw.OP_DELETE, False, 0)
        assert (r.int(), r.bool(), r.int()) == (-1, True, -1)
        assert r.remaining() == 0
