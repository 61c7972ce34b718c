using ActorZk.Core.Acl;
using ActorZk.Core.Processing;
using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Processing;

using Acl = ActorZk.Protocol.Records.Acl;

public class ReadProcessorTests
{
    private static readonly Id Alice = new("digest", DigestAuth.Generate("alice:pw"));

    [Fact]
    public void Exists_on_missing_node_leaves_a_watch()
    {
        var h = new Harness();
        var w = new RecordingWatcher();
        Assert.Equal(Reply.Error(ErrorCode.NoNode), h.Read(OpCode.Exists, new ExistsRequest("/x", true), w));
        Assert.True(h.Tree.ContainsWatcher("/x", 2, w));
        h.CreatedPath("/x");
        Assert.Equal([(EventType.NodeCreated, "/x")], w.Summary());
        var reply = h.Read(OpCode.Exists, new ExistsRequest("/x", false));
        Assert.Equal(h.StatOf("/x"), Assert.IsType<ExistsResponse>(reply.Response).Stat);
    }

    [Fact]
    public void Exists_needs_no_permission_and_rejects_nul()
    {
        // 3.8.0 FinalRequestProcessor (case OpCode.exists): no checkACL, a stranger gets the stat and its watch.
        var h = new Harness();
        h.Create("/secret", acl: [new Acl(Perms.Admin, Alice)]);
        var w = new RecordingWatcher();
        var reply = h.Read(OpCode.Exists, new ExistsRequest("/secret", true), w);
        Assert.Equal(h.StatOf("/secret"), Assert.IsType<ExistsResponse>(reply.Response).Stat);
        Assert.Equal(WatcherMode.Standard, h.Tree.DataWatches.GetMode(w, "/secret"));
        Assert.True(h.Tree.ContainsWatcher("/secret", 2, w));
        Assert.Equal(ErrorCode.BadArguments, h.Read(OpCode.Exists, new ExistsRequest("/a\0", false)).Err);
    }

    [Fact]
    public void GetData_and_GetChildren_need_read()
    {
        var h = new Harness();
        h.Create("/a", Bytes.Of("v"), acl: [new Acl(Perms.Read, Alice)]);
        h.CreatedPath("/b");
        h.CreatedPath("/b/c");
        Assert.Equal(ErrorCode.NoAuth, h.Read(OpCode.GetData, new GetDataRequest("/a", false)).Err);
        Assert.Equal(ErrorCode.NoNode, h.Read(OpCode.GetData, new GetDataRequest("/zz", false)).Err);
        var reply = h.Read(OpCode.GetData, new GetDataRequest("/a", false), auth: [Alice]);
        Assert.Equal(Bytes.Of("v"), Assert.IsType<GetDataResponse>(reply.Response).Data);
        Assert.Equal(ErrorCode.NoAuth, h.Read(OpCode.GetChildren, new GetChildrenRequest("/a", false)).Err);
        Assert.Equal(["c"], Assert.IsType<GetChildrenResponse>(h.Read(OpCode.GetChildren, new GetChildrenRequest("/b", false)).Response).Children);
        var children2 = Assert.IsType<GetChildren2Response>(h.Read(OpCode.GetChildren2, new GetChildren2Request("/b", false)).Response);
        Assert.Equal(h.StatOf("/b"), children2.Stat);
    }

    [Fact]
    public void GetAcl_needs_read_or_admin_and_hides_digests_without_admin()
    {
        // 3.8.0 FinalRequestProcessor (case OpCode.getACL): READ|ADMIN to read, digests become "user:x" without ADMIN.
        var h = new Harness();
        IReadOnlyList<Acl> acl = [new(Perms.Read, Id.AnyoneIdUnsafe), new(Perms.Admin, Alice)];
        h.Create("/a", acl: acl);
        var anonymous = Assert.IsType<GetACLResponse>(h.Read(OpCode.GetAcl, new GetACLRequest("/a")).Response);
        Assert.Equal([new Acl(Perms.Read, Id.AnyoneIdUnsafe), new Acl(Perms.Admin, new Id("digest", "alice:x"))], anonymous.Acl);
        var admin = Assert.IsType<GetACLResponse>(h.Read(OpCode.GetAcl, new GetACLRequest("/a"), auth: [Alice]).Response);
        Assert.Equal(acl, admin.Acl);

        h.Create("/w", acl: [new Acl(Perms.Write, Id.AnyoneIdUnsafe)]);
        Assert.Equal(ErrorCode.NoAuth, h.Read(OpCode.GetAcl, new GetACLRequest("/w")).Err);
        Assert.Equal(ErrorCode.NoNode, h.Read(OpCode.GetAcl, new GetACLRequest("/zz")).Err);
    }

    [Fact]
    public void Redaction_is_per_line_like_javas_regex()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read, new Id("digest", "a:b\nc:d")), new(Perms.Read, new Id("digest", "plain"))];
        Assert.Equal(["a:x\nc:x", "plain"], ReadProcessor.RedactDigests(acl).Select(a => a.Id.Identity));
    }

    [Fact]
    public void GetEphemerals_filters_by_untrimmed_prefix()
    {
        var h = new Harness();
        h.CreatedPath("/app");
        h.CreatedPath("/app/e1", CreateMode.Ephemeral, session: 3);
        h.CreatedPath("/other", CreateMode.Ephemeral, session: 3);
        h.CreatedPath("/app2", CreateMode.Ephemeral, session: 4);
        IReadOnlyList<string> Ephemerals(string prefix)
            => Assert.IsType<GetEphemeralsResponse>(h.Read(OpCode.GetEphemerals, new GetEphemeralsRequest(prefix), session: 3).Response).Ephemerals;
        Assert.Equal(["/app/e1", "/other"], Ephemerals(" / "));
        Assert.Equal(["/app/e1", "/other"], Ephemerals(string.Empty));
        Assert.Equal(["/app/e1"], Ephemerals("/app"));
        Assert.Empty(Ephemerals(" /app"));
    }

    [Fact]
    public void GetEphemerals_lists_in_the_order_of_zookeepers_hash_set()
    {
        // DataTree.getEphemerals clones the session's java.util.HashSet and FinalRequestProcessor lists the clone as
        // it iterates (OpenJDK 17 gives this order). Found by tests/interop/diff.
        var h = new Harness();
        h.CreatedPath("/a");
        foreach (var path in new[] { "/a/node-1", "/a/node-2", "/a/node-10" })
        {
            h.CreatedPath(path, CreateMode.Ephemeral, session: 3);
        }

        var reply = h.Read(OpCode.GetEphemerals, new GetEphemeralsRequest("/"), session: 3);
        Assert.Equal(["/a/node-2", "/a/node-1", "/a/node-10"], Assert.IsType<GetEphemeralsResponse>(reply.Response).Ephemerals);
    }

    [Fact]
    public void GetChildren_lists_in_the_order_of_zookeepers_hash_set()
    {
        // DataTree.getChildren copies the node's java.util.HashSet (made with capacity 8) as it iterates: for
        // these names, what OpenJDK 17 lists, not the order of creation. Found by tests/interop/diff.
        var h = new Harness();
        h.CreatedPath("/p");
        foreach (var name in new[] { "node-10", "node-2", "node-1", "x", "lock-0000000003", "lock-0000000001", "lock-0000000002" })
        {
            h.CreatedPath("/p/" + name);
        }

        string[] java = ["node-1", "node-2", "x", "lock-0000000001", "node-10", "lock-0000000003", "lock-0000000002"];
        Assert.Equal(java, Assert.IsType<GetChildrenResponse>(h.Read(OpCode.GetChildren, new GetChildrenRequest("/p", false)).Response).Children);
        Assert.Equal(java, Assert.IsType<GetChildren2Response>(h.Read(OpCode.GetChildren2, new GetChildren2Request("/p", false)).Response).Children);
        var multi = h.Read(OpCode.MultiRead, new MultiRequest([MultiOp.GetChildren(new GetChildrenRequest("/p", false))]));
        Assert.Equal(java, Assert.IsType<GetChildrenResponse>(Assert.Single(Assert.IsType<MultiResponse>(multi.Response).Results).Response).Children);
    }

    [Fact]
    public void GetAllChildrenNumber_needs_read()
    {
        var h = new Harness();
        h.Create("/a", acl: [new Acl(Perms.Write, Id.AnyoneIdUnsafe)]);
        Assert.Equal(ErrorCode.NoAuth, h.Read(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/a")).Err);
        var reply = h.Read(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/"));
        Assert.Equal(4, Assert.IsType<GetAllChildrenNumberResponse>(reply.Response).TotalNumber);
    }

    [Fact]
    public void MultiRead_reports_per_op_errors_and_never_watches()
    {
        var h = new Harness();
        h.Create("/a", Bytes.Of("1"));
        h.Create("/secret", acl: [new Acl(Perms.Write, Id.AnyoneIdUnsafe)]);
        var w = new RecordingWatcher();
        var reply = h.Read(
            OpCode.MultiRead,
            new MultiRequest(
            [
                MultiOp.GetData(new GetDataRequest("/a", true)),
                MultiOp.GetChildren(new GetChildrenRequest("/", true)),
                MultiOp.GetData(new GetDataRequest("/none", false)),
                MultiOp.GetData(new GetDataRequest("/secret", false)),
            ]),
            w);
        Assert.Equal(ErrorCode.Ok, reply.Err);
        var results = Assert.IsType<MultiResponse>(reply.Response).Results;
        Assert.Equal([OpCode.GetData, OpCode.GetChildren, OpCode.Error, OpCode.Error], results.Select(r => r.Type));
        Assert.Equal([ErrorCode.Ok, ErrorCode.Ok, ErrorCode.NoNode, ErrorCode.NoAuth], results.Select(r => r.Err));
        Assert.Equal(0, h.Tree.WatchCount);
    }

    [Fact]
    public void Watch_management_requests()
    {
        // 3.8.0 FinalRequestProcessor (addWatch, checkWatches, removeWatches) with WatcherMode.fromZooDef and
        // Watcher.WatcherType.fromInt, which knows Children (1), Data (2) and Any (3) only: anything else is a
        // RuntimeException, answered with MarshallingError. All checked against the real 3.8.0 server.
        var h = new Harness();
        h.CreatedPath("/a");
        var w = new RecordingWatcher();
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.AddWatch, new AddWatchRequest("/a", 2), w).Err);
        var added = h.Read(OpCode.AddWatch, new AddWatchRequest("/a", 0), w);
        Assert.Equal(new ErrorResponse(ErrorCode.Ok), added.Response);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", 1), w).Err);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", 2), w).Err);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", 3), w).Err);
        foreach (var type in new[] { 0, 4, 5, 9 })
        {
            Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", type), w).Err);
            Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", type), w).Err);
        }

        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", 3), w).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", 3), w).Err);

        h.Read(OpCode.GetData, new GetDataRequest("/a", true), w);
        h.Read(OpCode.GetChildren, new GetChildrenRequest("/a", true), w);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", 1), w).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", 1), w).Err);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", 3), w).Err);
        Assert.Equal(0, h.Tree.WatchCount);
    }

    [Fact]
    public void Check_watches_sees_other_connections_watches_but_remove_watches_does_not()
    {
        // 3.8.0 WatchManager.containsWatcher answers for the path, whoever watches it; removeWatcher needs the
        // connection's own watch. Checked against the real 3.8.0 server.
        var h = new Harness();
        h.CreatedPath("/c");
        var owner = new RecordingWatcher(1);
        var stranger = new RecordingWatcher(2);
        h.Read(OpCode.GetData, new GetDataRequest("/c", true), owner);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("/c", 2), stranger).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("/c", 1), stranger).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/c", 2), stranger).Err);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/c", 2), owner).Err);
    }

    [Fact]
    public void Check_watches_on_a_path_without_slash_is_a_marshalling_error()
    {
        // 3.8.0 PathParentIterator.next cannot cut a parent off "abc" (substring(0, -1) throws); an empty path
        // is simply not watched; removeWatches does not walk the path at all. Checked against the real 3.8.0 server.
        var h = new Harness();
        var w = new RecordingWatcher();
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("abc", 2), w).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.CheckWatches, new CheckWatchesRequest(string.Empty, 2), w).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("abc/def", 3), w).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("abc", 2), w).Err);
    }

    [Fact]
    public void SetWatches_requests_register_on_the_tree()
    {
        var h = new Harness();
        h.CreatedPath("/a");
        var w = new RecordingWatcher();
        var reply = h.Read(OpCode.SetWatches2, new SetWatches2(h.Zxid, ["/a"], [], [], ["/p"], []), w);
        Assert.Equal(Reply.Error(ErrorCode.Ok), reply);
        Assert.True(h.Tree.ContainsWatcher("/a", 2, w));
        Assert.Equal(WatcherMode.Persistent, h.Tree.DataWatches.GetMode(w, "/p"));
        h.Read(OpCode.SetWatches, new SetWatches(0, ["/a"], [], []), w);
        Assert.Equal([(EventType.NodeDataChanged, "/a")], w.Summary());
    }

    [Fact]
    public void WhoAmI_and_sync()
    {
        var h = new Harness();
        var reply = h.Read(OpCode.WhoAmI, null, auth: [new Id("ip", "127.0.0.1"), Alice, new Id("super", string.Empty)]);
        Assert.Equal(
            [new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "alice"), new ClientInfo("super", string.Empty)],
            Assert.IsType<WhoAmIResponse>(reply.Response).ClientInfo);
        Assert.Equal(new SyncResponse("/a"), h.Read(OpCode.Sync, new SyncRequest("/a")).Response);
    }

    [Fact]
    public void Wrong_record_is_marshalling_error()
        => Assert.Equal(ErrorCode.MarshallingError, new Harness().Read(OpCode.GetData, new GetChildrenRequest("/", false)).Err);

    [Fact]
    public void Top_level_check_is_a_valid_client_request()
    {
        // 3.8.0 Request.isValid lists OpCode.check (later versions refuse it).
        Assert.True(ReadProcessor.IsValidClientType(OpCode.Check));
        Assert.True(ReadProcessor.IsValidClientType(OpCode.DeleteContainer));
        Assert.False(ReadProcessor.IsValidClientType((OpCode)50));
    }

    [Fact]
    public void Events_reach_only_watchers_that_may_read_the_node()
    {
        // The Debian 3.8.0 packages (3.8.0-11+deb12u2) carry the CVE-2024-23944 fix (ZOOKEEPER-4799):
        // NIOServerCnxn.process checks READ on the node's ACL (the parent's for NodeChildrenChanged) before
        // sending an event. Found by tests/interop/diff against that server.
        var h = new Harness();
        h.Create("/a", acl: [new Acl(Perms.Read, Alice), new Acl(Perms.Write | Perms.Create, Id.AnyoneIdUnsafe)]);
        var stranger = new RecordingWatcher(1);
        var alice = new RecordingWatcher(2, [Alice]);
        h.Tree.AddWatch("/a", stranger, AddWatchMode.Persistent);
        h.Tree.AddWatch("/a", alice, AddWatchMode.Persistent);
        Assert.Equal(ErrorCode.NoNode, h.Read(OpCode.Exists, new ExistsRequest("/a/b", true), stranger).Err);
        h.SetData("/a", [1]);
        h.CreatedPath("/a/b");
        Assert.Equal([(EventType.NodeCreated, "/a/b")], stranger.Summary());
        Assert.Equal([(EventType.NodeDataChanged, "/a"), (EventType.NodeChildrenChanged, "/a")], alice.Summary());
    }

    [Fact]
    public void A_watch_on_a_node_the_watcher_may_not_read_is_used_up_silently()
    {
        // WatchManager.triggerWatch drops a one-shot watch before the connection filters the event, so the
        // stranger's exists watch is gone although it never heard of the create.
        var h = new Harness();
        var stranger = new RecordingWatcher(1);
        var alice = new RecordingWatcher(2, [Alice]);
        Assert.Equal(ErrorCode.NoNode, h.Read(OpCode.Exists, new ExistsRequest("/s", true), stranger).Err);
        Assert.Equal(ErrorCode.NoNode, h.Read(OpCode.Exists, new ExistsRequest("/s", true), alice).Err);
        Assert.Equal(ErrorCode.Ok, h.Create("/s", acl: [new Acl(Perms.All, Alice)], auth: [Alice]).Err);
        Assert.Empty(stranger.Events);
        Assert.Equal([(EventType.NodeCreated, "/s")], alice.Summary());
        Assert.False(h.Tree.ContainsWatcher("/s", 2, stranger));

        // Deleting it: its own watchers by its ACL, the parent's child watchers by the parent's ("/": open).
        h.Tree.AddWatch("/s", stranger, AddWatchMode.Persistent);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.Exists, new ExistsRequest("/s", true), alice).Err);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.GetChildren, new GetChildrenRequest("/", true), stranger).Err);
        Assert.Equal(ErrorCode.Ok, h.Delete("/s").Err);
        Assert.Equal([(EventType.NodeChildrenChanged, "/")], stranger.Summary());
        Assert.Equal([(EventType.NodeCreated, "/s"), (EventType.NodeDeleted, "/s")], alice.Summary());
    }

    [Fact]
    public void A_multiRead_of_write_ops_fails_with_its_empty_response()
    {
        // MultiOperationRecord accepts ops of one kind, writes included; FinalRequestProcessor's multiRead loop
        // then throws on the first one with its MultiResponse already made, so 3.8.0 sends MarshallingError
        // together with an empty result list. Found by tests/interop/diff.
        var h = new Harness();
        h.CreatedPath("/a");
        var reply = h.Read(OpCode.MultiRead, new MultiRequest([MultiOp.Check(new CheckVersionRequest("/a", 0))]));
        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        Assert.Empty(Assert.IsType<MultiResponse>(reply.Response).Results);
    }
}
