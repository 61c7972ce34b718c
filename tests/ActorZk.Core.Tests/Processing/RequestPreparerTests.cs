using ActorZk.Core.Acl;
using ActorZk.Core.Processing;
using ActorZk.Core.Sessions;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Processing;

using Acl = ActorZk.Protocol.Records.Acl;

public class RequestPreparerTests
{
    private static readonly Id Alice = new("digest", DigestAuth.Generate("alice:pw"));

    private static CreateRequest Create(string path, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null)
        => new(path, [], acl ?? Acl.OpenAclUnsafe, (int)mode);

    [Theory]
    [InlineData("a", ErrorCode.BadArguments)]
    [InlineData("/a/./b", ErrorCode.NoNode)]
    [InlineData("/a/.", ErrorCode.BadArguments)]
    [InlineData("/missing/child", ErrorCode.NoNode)]
    [InlineData("/zookeeper", ErrorCode.NodeExists)]
    [InlineData("/a\u0000", ErrorCode.BadArguments)]
    [InlineData("/a/", ErrorCode.BadArguments)]
    public void Create_errors(string path, ErrorCode expected)
    {
        var h = new Harness();
        h.CreatedPath("/a");
        Assert.Equal(expected, h.Write(OpCode.Create, Create(path)).Err);
    }

    [Fact]
    public void Failed_write_is_an_error_txn_with_its_own_zxid()
    {
        var h = new Harness();
        var prepared = h.Prepare(OpCode.Create, Create("/x/y"));
        Assert.Equal(OpCode.Error, prepared.Header.Type);
        Assert.Equal(h.Zxid, prepared.Header.Zxid);
        Assert.Equal(new ErrorTxn(ErrorCode.NoNode), prepared.Txn);
        Assert.Equal(ErrorCode.NoNode, prepared.Err);
        var (result, reply) = h.Apply(prepared);
        Assert.Equal(ErrorCode.NoNode, result.Err);
        Assert.Equal(Reply.Error(ErrorCode.NoNode), reply);
        Assert.Equal(h.Zxid, h.Tree.LastProcessedZxid);
    }

    [Fact]
    public void Invalid_flags_are_bad_arguments_and_ttl_needs_extended_types()
    {
        var h = new Harness();
        Assert.Equal(ErrorCode.BadArguments, h.Write(OpCode.Create, new CreateRequest("/a", [], Acl.OpenAclUnsafe, 7)).Err);
        Assert.Equal(ErrorCode.Unimplemented, h.Write(OpCode.CreateTtl, new CreateTTLRequest("/a", [], Acl.OpenAclUnsafe, 5, 100)).Err);
        Assert.Equal(ErrorCode.Unimplemented, h.Write(OpCode.Create, new CreateRequest("/a", [], Acl.OpenAclUnsafe, 5)).Err);
    }

    [Theory]
    [InlineData(OpCode.CreateTtl, 5, 0L, ErrorCode.BadArguments)]
    [InlineData(OpCode.CreateTtl, 5, -1L, ErrorCode.BadArguments)]
    [InlineData(OpCode.CreateTtl, 5, 1L, ErrorCode.Ok)]
    [InlineData(OpCode.CreateTtl, 6, 1099511627775L, ErrorCode.Ok)]
    [InlineData(OpCode.CreateTtl, 5, 1099511627776L, ErrorCode.BadArguments)]
    [InlineData(OpCode.CreateTtl, 0, 10L, ErrorCode.BadArguments)]
    [InlineData(OpCode.CreateTtl, 0, -1L, ErrorCode.BadArguments)]
    public void Ttl_bounds(OpCode op, int flags, long ttl, ErrorCode expected)
    {
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        Assert.Equal(expected, h.Write(op, new CreateTTLRequest("/t", [], Acl.OpenAclUnsafe, flags, ttl)).Err);
    }

    [Fact]
    public void Plain_create_with_ttl_mode_is_bad_arguments_when_enabled()
    {
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        Assert.Equal(ErrorCode.BadArguments, h.Write(OpCode.Create, new CreateRequest("/a", [], Acl.OpenAclUnsafe, 5)).Err);
    }

    [Fact]
    public void Acl_errors_come_before_the_parent_lookup()
    {
        var h = new Harness();
        Assert.Equal(ErrorCode.InvalidAcl, h.Write(OpCode.Create, Create("/missing/x", acl: [])).Err);
        Assert.Equal(ErrorCode.InvalidAcl, h.Write(OpCode.Create, Create("/a", acl: Acl.CreatorAllAcl)).Err);
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.Create, Create("/a", acl: Acl.CreatorAllAcl), auth: [Alice]).Err);
        Assert.Equal([new Acl(Perms.All, Alice)], h.Tree.GetNode("/a")!.Acl);
    }

    [Fact]
    public void Permissions_are_checked_on_the_right_node()
    {
        var h = new Harness();
        IReadOnlyList<Acl> readOnly = Acl.ReadAclUnsafe;
        IReadOnlyList<Acl> aliceAll = [new(Perms.All, Alice)];
        h.Create("/ro", acl: readOnly);
        h.Create("/mine", acl: aliceAll);
        h.Create("/open");
        h.Create("/open/child", acl: readOnly);

        Assert.Equal(ErrorCode.NoAuth, h.Create("/ro/x").Err);
        Assert.Equal(ErrorCode.NoAuth, h.SetData("/ro", [1]).Err);
        Assert.Equal(ErrorCode.NoAuth, h.Write(OpCode.SetAcl, new SetACLRequest("/ro", Acl.OpenAclUnsafe, -1)).Err);

        // Delete needs DELETE on the parent, not on the node.
        Assert.Equal(ErrorCode.Ok, h.Delete("/open/child").Err);
        Assert.Equal(ErrorCode.Ok, h.Create("/ro/x", auth: [new Id("super", string.Empty)]).Err);
        Assert.Equal(ErrorCode.NoAuth, h.Delete("/ro/x").Err);
        Assert.Equal(ErrorCode.NoAuth, h.SetData("/mine", [1]).Err);
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.SetData, new SetDataRequest("/mine", [1], -1), auth: [Alice]).Err);
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.SetData, new SetDataRequest("/mine", [2], -1), auth: [new Id("super", string.Empty)]).Err);
    }

    [Fact]
    public void Skip_acl_option_disables_checks()
    {
        var h = new Harness(new CoreOptions { SkipAcl = true });
        h.Create("/ro", acl: Acl.ReadAclUnsafe);
        Assert.Equal(ErrorCode.Ok, h.SetData("/ro", [1]).Err);
    }

    [Fact]
    public void Node_exists_wins_over_ephemeral_parent()
    {
        var h = new Harness();
        h.CreatedPath("/e", CreateMode.Ephemeral);
        Assert.Equal(ErrorCode.NodeExists, h.Create("/e").Err);
        Assert.Equal(ErrorCode.NoChildrenForEphemerals, h.Create("/e/c").Err);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/zookeeper")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/zookeeper/config")]
    [InlineData("nope")]
    public void Special_paths_cannot_be_deleted(string path)
        => Assert.Equal(ErrorCode.BadArguments, new Harness().Delete(path).Err);

    [Fact]
    public void Delete_checks_version_before_children()
    {
        var h = new Harness();
        h.CreatedPath("/a");
        h.CreatedPath("/a/b");
        Assert.Equal(ErrorCode.BadVersion, h.Delete("/a", 5).Err);
        Assert.Equal(ErrorCode.NotEmpty, h.Delete("/a", 0).Err);
        Assert.Equal(ErrorCode.NoNode, h.Delete("/a/zz").Err);
        Assert.Equal(ErrorCode.NoNode, h.Delete("/zz/zz").Err);
    }

    [Fact]
    public void Version_wraps_past_int_max_and_counts_through_minus_one()
    {
        // 3.8.0 PrepRequestProcessor.checkAndIncVersion returns currentVersion + 1 (the skip of -1 is
        // ZOOKEEPER-4743, after 3.8); applies to data and ACL versions alike.
        var tree = new DataTree();
        tree.ProcessTxn(new TxnHeader(1, 1, 1, 1, OpCode.Create), new CreateTxn("/a", null, Acl.OpenAclUnsafe, false, 1));
        tree.ProcessTxn(new TxnHeader(1, 1, 2, 1, OpCode.SetData), new SetDataTxn("/a", null, int.MaxValue));
        var preparer = new RequestPreparer(tree);
        var prepared = preparer.Prepare(1, 1, OpCode.SetData, new SetDataRequest("/a", null, int.MaxValue), [], 3, 1);
        Assert.Equal(int.MinValue, ((SetDataTxn)prepared.Txn).Version);
        preparer.Applied(3);

        tree.ProcessTxn(new TxnHeader(1, 1, 4, 1, OpCode.SetData), new SetDataTxn("/a", null, -2));
        prepared = preparer.Prepare(1, 1, OpCode.SetData, new SetDataRequest("/a", null, -2), [], 5, 1);
        Assert.Equal(-1, ((SetDataTxn)prepared.Txn).Version);
        tree.ProcessTxn(prepared.Header, prepared.Txn);
        preparer.Applied(5);

        // At version -1 only "any version" (-1) matches, and the next version is 0.
        prepared = preparer.Prepare(1, 1, OpCode.SetData, new SetDataRequest("/a", null, -1), [], 6, 1);
        Assert.Equal(0, ((SetDataTxn)prepared.Txn).Version);
        preparer.Applied(6);

        tree.ProcessTxn(new TxnHeader(1, 1, 7, 1, OpCode.SetAcl), new SetACLTxn("/a", Acl.OpenAclUnsafe, -2));
        prepared = preparer.Prepare(1, 1, OpCode.SetAcl, new SetACLRequest("/a", Acl.OpenAclUnsafe, -2), [], 8, 1);
        Assert.Equal(-1, ((SetACLTxn)prepared.Txn).Version);
    }

    [Fact]
    public void Top_level_check_txn_records_the_next_version_and_gets_no_reply_when_it_succeeds()
    {
        // 3.8.0: Request.isValid accepts a top-level check; PrepRequestProcessor makes a CheckVersionTxn (taking
        // a zxid) or an error txn. FinalRequestProcessor answers success with SetDataResponse(rc.stat), rc.stat
        // being null, which fails to serialize ("Destruction averted"), so no reply is sent; a failure is
        // answered normally. Checked against the real 3.8.0 server.
        var h = new Harness();
        h.CreatedPath("/a");
        var prepared = h.Prepare(OpCode.Check, new CheckVersionRequest("/a", 0));
        Assert.Equal(new CheckVersionTxn("/a", 1), prepared.Txn);
        var (result, reply) = h.Apply(prepared);
        Assert.Equal(ErrorCode.Ok, result.Err);
        Assert.True(reply.Silent);
        Assert.Equal(Reply.None, reply);
        Assert.Equal(prepared.Header.Zxid, h.Tree.LastProcessedZxid);
        var failed = h.Write(OpCode.Check, new CheckVersionRequest("/a", 3));
        Assert.Equal(Reply.Error(ErrorCode.BadVersion), failed);
        Assert.False(failed.Silent);
    }

    [Fact]
    public void In_flight_writes_see_each_other()
    {
        var h = new Harness();
        var createA = h.Prepare(OpCode.Create, Create("/a"));
        var createB = h.Prepare(OpCode.Create, Create("/a/b"));
        Assert.Equal(OpCode.Create, createB.Header.Type);
        Assert.Equal(ErrorCode.NodeExists, h.Prepare(OpCode.Create, Create("/a")).Err);
        Assert.Equal(ErrorCode.NotEmpty, h.Prepare(OpCode.Delete, new DeleteRequest("/a", -1)).Err);
        var seq1 = h.Prepare(OpCode.Create, Create("/a/s", CreateMode.PersistentSequential));
        var seq2 = h.Prepare(OpCode.Create, Create("/a/s", CreateMode.PersistentSequential));
        Assert.Equal("/a/s0000000001", ((CreateTxn)seq1.Txn).Path);
        Assert.Equal("/a/s0000000002", ((CreateTxn)seq2.Txn).Path);
        var setData = h.Prepare(OpCode.SetData, new SetDataRequest("/a/b", [1], 0));
        Assert.Equal(ErrorCode.BadVersion, h.Prepare(OpCode.SetData, new SetDataRequest("/a/b", [1], 0)).Err);
        var setData2 = h.Prepare(OpCode.SetData, new SetDataRequest("/a/b", [1], 1));
        Assert.True(h.Preparer.OutstandingChangeCount > 0);

        foreach (var p in new[] { createA, createB, seq1, seq2, setData, setData2 })
        {
            Assert.Equal(ErrorCode.Ok, h.Apply(p).Result.Err);
        }

        Assert.Equal(0, h.Preparer.OutstandingChangeCount);
        Assert.Equal(2, h.StatOf("/a/b").Version);
    }

    [Fact]
    public void In_flight_delete_makes_node_missing_and_recreatable()
    {
        var h = new Harness();
        h.CreatedPath("/a");
        var delete = h.Prepare(OpCode.Delete, new DeleteRequest("/a", -1));
        Assert.Equal(ErrorCode.NoNode, h.Prepare(OpCode.SetData, new SetDataRequest("/a", [], -1)).Err);
        var recreate = h.Prepare(OpCode.Create, Create("/a"));
        Assert.Equal(OpCode.Create, recreate.Header.Type);
        h.Apply(delete);
        Assert.Equal(ErrorCode.Ok, h.Apply(recreate).Result.Err);
    }

    [Fact]
    public void In_flight_set_acl_keeps_old_acl_for_later_requests()
    {
        var h = new Harness();
        h.CreatedPath("/a");
        var setAcl = h.Prepare(OpCode.SetAcl, new SetACLRequest("/a", Acl.ReadAclUnsafe, -1));
        Assert.Equal(OpCode.SetData, h.Prepare(OpCode.SetData, new SetDataRequest("/a", [], -1)).Header.Type);
        Assert.Equal(ErrorCode.BadVersion, h.Prepare(OpCode.SetAcl, new SetACLRequest("/a", Acl.ReadAclUnsafe, 0)).Err);
        h.Apply(setAcl);
    }

    [Fact]
    public void Successful_multi_applies_all_ops_with_one_zxid()
    {
        var h = new Harness();
        var multi = new MultiRequest(
        [
            MultiOp.Create(Create("/m")),
            MultiOp.Create(Create("/m/c"), OpCode.Create2),
            MultiOp.SetData(new SetDataRequest("/m", [1], 0)),
            MultiOp.Check(new CheckVersionRequest("/m", 1)),
            MultiOp.Delete(new DeleteRequest("/m/c", 0)),
        ]);
        var (result, reply) = h.Apply(h.Prepare(OpCode.Multi, multi));
        Assert.Equal(ErrorCode.Ok, result.Err);
        var response = Assert.IsType<MultiResponse>(reply.Response);

        // 3.8.0 types a create2 op as create (see Multi_create_ops_are_typed_by_their_flags).
        Assert.Equal([OpCode.Create, OpCode.Create, OpCode.SetData, OpCode.Check, OpCode.Delete], response.Results.Select(r => r.Type));
        Assert.Equal(h.Zxid, h.StatOf("/m").Mzxid);
        Assert.Equal(h.Zxid, h.StatOf("/m").Czxid);
        Assert.Equal(2, h.StatOf("/m").Cversion);
    }

    [Fact]
    public void Failed_multi_changes_nothing_and_reports_per_op_codes()
    {
        var h = new Harness();
        h.CreatedPath("/exists");
        var before = Bytes.Snapshot(h.Tree);
        var multi = new MultiRequest(
        [
            MultiOp.Create(Create("/m")),
            MultiOp.SetData(new SetDataRequest("/exists", [1], -1)),
            MultiOp.Create(Create("/exists")),
            MultiOp.Delete(new DeleteRequest("/m", -1)),
        ]);
        var prepared = h.Prepare(OpCode.Multi, multi);
        Assert.Equal(OpCode.Multi, prepared.Header.Type);
        Assert.Equal(ErrorCode.NodeExists, prepared.Err);
        Assert.Equal(0, h.Preparer.OutstandingChangeCount);
        var entries = ((MultiTxn)prepared.Txn).Txns;
        Assert.Equal([OpCode.Create, OpCode.SetData, OpCode.Error, OpCode.Error], entries.Select(t => t.Type));

        var (result, reply) = h.Apply(prepared);
        Assert.Equal(ErrorCode.NodeExists, result.Err);
        Assert.Equal(ErrorCode.Ok, reply.Err);
        var response = Assert.IsType<MultiResponse>(reply.Response);
        Assert.All(response.Results, r => Assert.Equal(OpCode.Error, r.Type));
        Assert.Equal([ErrorCode.Ok, ErrorCode.Ok, ErrorCode.NodeExists, ErrorCode.RuntimeInconsistency], response.Results.Select(r => r.Err));

        // Only the zxid moved.
        h.Tree.LastProcessedZxid = 0x100000001;
        Assert.Equal(before, Bytes.Snapshot(h.Tree));
    }

    [Fact]
    public void Failed_multi_restores_earlier_outstanding_changes()
    {
        var h = new Harness();
        h.CreatedPath("/p");
        var first = h.Prepare(OpCode.Create, Create("/p/s", CreateMode.PersistentSequential));
        Assert.Equal("/p/s0000000000", ((CreateTxn)first.Txn).Path);
        var failing = new MultiRequest(
        [
            MultiOp.Create(Create("/p/s", CreateMode.PersistentSequential)),
            MultiOp.Create(Create("/p/x")),
            MultiOp.Delete(new DeleteRequest("/missing", -1)),
        ]);
        Assert.Equal(ErrorCode.NoNode, h.Prepare(OpCode.Multi, failing).Err);

        // The rolled-back multi must not leave /p/x behind nor hide the first create's parent change.
        var next = h.Prepare(OpCode.Create, Create("/p/s", CreateMode.PersistentSequential));
        Assert.Equal("/p/s0000000001", ((CreateTxn)next.Txn).Path);
        Assert.Equal(OpCode.Create, h.Prepare(OpCode.Create, Create("/p/x")).Header.Type);
    }

    [Fact]
    public void Multi_create_ops_are_typed_by_their_flags()
    {
        // 3.8.0 MultiOperationRecord.deserialize rebuilds create ops with Op.create(path, data, acl, flags[, ttl]),
        // typed by Op.Create.getOpcode(CreateMode.fromFlag(flags, PERSISTENT)). Checked against the real 3.8.0
        // server: a create2 op answers "create" without a stat, a createContainer op with flags 0 makes a plain
        // node, a create op with CONTAINER flags makes a container (answered as create2 with a stat), and a
        // createTTL op with a non-TTL mode loses its TTL.
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        var multi = new MultiRequest(
        [
            MultiOp.Create(Create("/c2"), OpCode.Create2),
            MultiOp.Create(Create("/plain"), OpCode.CreateContainer),
            MultiOp.Create(Create("/box", CreateMode.Container)),
            MultiOp.CreateTtl(new CreateTTLRequest("/nottl", [], Acl.OpenAclUnsafe, (int)CreateMode.Persistent, 5000)),
            MultiOp.CreateTtl(new CreateTTLRequest("/ttl", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 5000)),
        ]);
        var prepared = h.Prepare(OpCode.Multi, multi);
        Assert.Equal(
            [OpCode.Create, OpCode.Create, OpCode.CreateContainer, OpCode.Create, OpCode.CreateTtl],
            ((MultiTxn)prepared.Txn).Txns.Select(t => t.Type));
        var (_, reply) = h.Apply(prepared);
        var results = Assert.IsType<MultiResponse>(reply.Response).Results;
        Assert.Equal([OpCode.Create, OpCode.Create, OpCode.Create2, OpCode.Create, OpCode.Create2], results.Select(r => r.Type));
        Assert.Equal(0, h.Tree.GetNode("/plain")!.Stat.EphemeralOwner);
        Assert.Equal(["/box"], h.Tree.Containers);
        Assert.Equal(["/ttl"], h.Tree.Ttls);
        Assert.Equal(0, h.Tree.GetNode("/nottl")!.Stat.EphemeralOwner);
    }

    [Fact]
    public void Multi_create_op_with_ttl_flags_fails_the_whole_multi_unless_an_earlier_op_failed()
    {
        // 3.8.0: a create op whose flags are a TTL mode becomes type createTTL with a CreateRequest record;
        // pRequest2TxnCreate casts it to CreateTTLRequest and the ClassCastException makes the whole request a
        // MarshallingError error txn. After a failed op the rest are not prepared, so they are just
        // RuntimeInconsistency. Checked against the real 3.8.0 server.
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        var ttlFlags = MultiOp.Create(Create("/t", CreateMode.PersistentWithTtl));
        var prepared = h.Prepare(OpCode.Multi, new MultiRequest([MultiOp.Create(Create("/first")), ttlFlags]));
        Assert.Equal(OpCode.Error, prepared.Header.Type);
        Assert.Equal(Reply.Error(ErrorCode.MarshallingError), h.Apply(prepared).Reply);
        Assert.Null(h.Tree.GetNode("/first"));
        Assert.Equal(0, h.Preparer.OutstandingChangeCount);

        var reply = h.Write(OpCode.Multi, new MultiRequest([MultiOp.Create(Create("/missing/x")), ttlFlags]));
        Assert.Equal(
            [ErrorCode.NoNode, ErrorCode.RuntimeInconsistency],
            Assert.IsType<MultiResponse>(reply.Response).Results.Select(r => r.Err));
    }

    [Fact]
    public void Multi_create_op_with_unknown_flags_fails_that_op_with_bad_arguments()
    {
        // 3.8.0: Op.create maps unknown flags to a plain create, and CreateMode.fromFlag(flags) then throws
        // BadArgumentsException for that op. Checked against the real 3.8.0 server (results: Ok, BadArguments).
        var h = new Harness();
        var reply = h.Write(OpCode.Multi, new MultiRequest([MultiOp.Create(Create("/ok")), MultiOp.CreateTtl(new CreateTTLRequest("/bad", [], Acl.OpenAclUnsafe, 7, -1))]));
        Assert.Equal(
            [ErrorCode.Ok, ErrorCode.BadArguments],
            Assert.IsType<MultiResponse>(reply.Response).Results.Select(r => r.Err));
    }

    [Fact]
    public void Multi_with_read_ops_or_wrong_record_is_marshalling_error()
    {
        var h = new Harness();
        var prepared = h.Prepare(OpCode.Multi, new MultiRequest([MultiOp.GetData(new GetDataRequest("/", false))]));
        Assert.Equal(OpCode.Error, prepared.Header.Type);
        Assert.Equal(ErrorCode.MarshallingError, prepared.Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Prepare(OpCode.Delete, Create("/x")).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Prepare(OpCode.Multi, null).Err);
    }

    [Fact]
    public void Empty_multi_is_fine()
    {
        var h = new Harness();
        var reply = h.Write(OpCode.Multi, new MultiRequest([]));
        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Empty(Assert.IsType<MultiResponse>(reply.Response).Results);
    }

    [Fact]
    public void Reconfig_is_disabled()
        => Assert.Equal(ErrorCode.ReconfigDisabled, new Harness().Write(OpCode.Reconfig, new ReconfigRequest(string.Empty, string.Empty, string.Empty, -1)).Err);

    [Fact]
    public void Reads_are_not_prepared()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new Harness().Prepare(OpCode.GetData, new GetDataRequest("/", false)));

    [Fact]
    public void Close_session_deletes_in_the_order_of_zookeepers_hash_set()
    {
        // PrepRequestProcessor lists the clone of the session's java.util.HashSet in the CloseSessionTxn, and
        // killSession deletes (and fires the watches) in that order: here not the sorted one. Found by
        // tests/interop/diff.
        var h = new Harness();
        h.OpenSession(5);
        h.CreatedPath("/e");
        h.CreatedPath("/e/c");
        h.CreatedPath("/e/a0000000000", CreateMode.Ephemeral, session: 5);
        h.CreatedPath("/e/c/b", CreateMode.Ephemeral, session: 5);
        var watcher = new RecordingWatcher();
        h.Tree.AddWatch("/e", watcher, AddWatchMode.PersistentRecursive);

        var close = h.Prepare(OpCode.CloseSession, null, session: 5);
        h.Apply(close);

        Assert.Equal(["/e/c/b", "/e/a0000000000"], ((CloseSessionTxn)close.Txn).Paths2Delete);
        Assert.Equal([(EventType.NodeDeleted, "/e/c/b"), (EventType.NodeDeleted, "/e/a0000000000")], watcher.Summary());
    }

    [Fact]
    public void Close_session_lists_outstanding_ephemerals_and_skips_outstanding_deletes()
    {
        var h = new Harness();
        h.OpenSession(5);
        h.CreatedPath("/e1", CreateMode.Ephemeral, session: 5);
        h.CreatedPath("/e2", CreateMode.Ephemeral, session: 5);
        var createE3 = h.Prepare(OpCode.Create, Create("/e3", CreateMode.Ephemeral), session: 5);
        var deleteE1 = h.Prepare(OpCode.Delete, new DeleteRequest("/e1", -1), session: 5);
        var close = h.Prepare(OpCode.CloseSession, null, session: 5);
        Assert.Equal(["/e2", "/e3"], ((CloseSessionTxn)close.Txn).Paths2Delete);
        Assert.Equal(ErrorCode.NoNode, h.Prepare(OpCode.SetData, new SetDataRequest("/e3", [], -1), session: 5).Err);
        h.Apply(createE3);
        h.Apply(deleteE1);
        h.Apply(close);
        Assert.Equal(0, h.Tree.EphemeralsCount);
        Assert.Equal(["zookeeper"], h.Tree.GetNode("/")!.Children);
    }

    [Fact]
    public void Session_tracker_checks()
    {
        var tree = new DataTree();
        var tracker = new SessionTracker(2000, 1, 0);
        var preparer = new RequestPreparer(tree, tracker);
        long zxid = 1;
        ErrorCode Run(long session, CreateMode mode)
            => preparer.Prepare(session, 1, OpCode.Create, Create("/n" + zxid, mode), [], zxid++, 0).Err;

        Assert.Equal(ErrorCode.UnknownSession, Run(42, CreateMode.Persistent));
        Assert.Equal(ErrorCode.SessionExpired, Run(42, CreateMode.Ephemeral));
        var id = tracker.CreateSession(10000, 0);
        Assert.Equal(ErrorCode.Ok, Run(id, CreateMode.Ephemeral));
        var close = preparer.Prepare(id, 1, OpCode.CloseSession, null, [], zxid++, 0);
        Assert.Equal(OpCode.CloseSession, close.Header.Type);
        Assert.True(tracker.IsClosing(id));
        Assert.Equal(ErrorCode.SessionExpired, Run(id, CreateMode.Persistent));
        Assert.Equal(ErrorCode.SessionExpired, preparer.Prepare(id, 1, OpCode.Delete, new DeleteRequest("/x", -1), [], zxid++, 0).Err);
    }

    [Fact]
    public void Delete_container_rules()
    {
        // 3.8.0 PrepRequestProcessor (case OpCode.deleteContainer) for ContainerManager's requests (session 0).
        var h = new Harness();
        h.Write(OpCode.CreateContainer, Create("/c", CreateMode.Container));
        h.CreatedPath("/c/kid");
        h.CreatedPath("/plain");
        h.CreatedPath("/eph", CreateMode.Ephemeral);
        Assert.Equal(ErrorCode.NotEmpty, h.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/c"), session: 0).Err);
        Assert.Equal(ErrorCode.BadVersion, h.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/eph"), session: 0).Err);
        Assert.Equal(ErrorCode.BadArguments, h.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/zookeeper"), session: 0).Err);
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/plain"), session: 0).Err);
        h.Delete("/c/kid");
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/c"), session: 0).Err);
        Assert.Empty(h.Tree.Containers);
    }

    [Fact]
    public void Delete_container_from_a_client_is_bad_arguments()
    {
        // 3.8.0 reads a deleteContainer path as new String(request.request.array(), UTF_8): for a client request
        // that is the whole packet, header included, whose NUL bytes make getParentPathAndValidate refuse it.
        // The error txn still takes a zxid. Checked against the real 3.8.0 server.
        var h = new Harness();
        h.Write(OpCode.CreateContainer, Create("/c", CreateMode.Container));
        var prepared = h.Prepare(OpCode.DeleteContainer, new DeleteContainerRequest("/c"), session: 5);
        Assert.Equal(OpCode.Error, prepared.Header.Type);
        Assert.Equal(Reply.Error(ErrorCode.BadArguments), h.Apply(prepared).Reply);
        Assert.NotNull(h.Tree.GetNode("/c"));
        Assert.Equal(prepared.Header.Zxid, h.Tree.LastProcessedZxid);
    }

    [Fact]
    public void Max_data_length_option()
    {
        var h = new Harness(new CoreOptions { MaxDataLength = 4 });
        Assert.Equal(ErrorCode.Ok, h.Create("/a", [1, 2, 3, 4]).Err);
        Assert.Equal(ErrorCode.BadArguments, h.Create("/b", [1, 2, 3, 4, 5]).Err);
        Assert.Equal(ErrorCode.BadArguments, h.SetData("/a", [1, 2, 3, 4, 5]).Err);
    }

    [Theory]
    [InlineData(0, "0000000000")]
    [InlineData(42, "0000000042")]
    [InlineData(int.MaxValue, "2147483647")]
    [InlineData(-1, "-000000001")]
    [InlineData(int.MinValue, "-2147483648")]
    public void Sequence_format_is_javas_percent_010d(int value, string expected)
        => Assert.Equal(expected, RequestPreparer.FormatSequence(value));
}
