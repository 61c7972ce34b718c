using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

public class DataTreeTests
{
    [Fact]
    public void Fresh_tree_is_zookeepers_standalone_tree()
    {
        var tree = new DataTree();
        Assert.Equal(5, tree.NodeCount);
        Assert.Equal(3, tree.GetAllChildrenNumber("/"));
        Assert.Equal(44, tree.ApproximateDataSize);
        Assert.Equal(0, tree.LastProcessedZxid);
        Assert.Same(tree.GetNode("/"), tree.GetNode(string.Empty));
        Assert.Equal(["zookeeper"], tree.GetNode("/")!.Children);
        Assert.Equal(new[] { "config", "quota" }, tree.GetNode("/zookeeper")!.Children.Order(StringComparer.Ordinal));
        foreach (var path in new[] { "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config" })
        {
            var node = tree.GetNode(path)!;
            Assert.NotNull(node.Data);
            Assert.Empty(node.Data);
            Assert.Equal(path == "/zookeeper/config" ? default(StatPersisted) with { Aversion = -1 } : default, node.Stat);
        }

        Assert.Equal(Acl.OpenAclUnsafe, tree.GetNode("/")!.Acl);
        Assert.Equal(Acl.ReadAclUnsafe, tree.GetNode("/zookeeper/config")!.Acl);
        Assert.Equal(1, tree.AclCacheSize);
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0), tree.GetStat(tree.GetNode("/")!));
    }

    [Fact]
    public void Config_node_has_aversion_minus_one()
    {
        // 3.8.0 DataTree.addConfigNode: the node gets READ_ACL_UNSAFE through setACL(configZookeeper, acl, -1),
        // which stores the -1 as the aversion; the real 3.8.0 standalone server shows exactly this stat.
        var tree = new DataTree();
        Assert.Equal(new Stat(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0), tree.GetStat(tree.GetNode("/zookeeper/config")!));
        var loaded = DataTree.Deserialize(new MemoryStream(Bytes.Snapshot(tree)));
        Assert.Equal(-1, loaded.GetNode("/zookeeper/config")!.Stat.Aversion);
    }

    [Fact]
    public void Create_sets_stats_like_zookeeper()
    {
        var h = new Harness();
        var reply = h.Write(OpCode.Create2, new CreateRequest("/a", Bytes.Of("hello"), Acl.OpenAclUnsafe, 0));
        var zxid = h.Zxid;
        var response = Assert.IsType<Create2Response>(reply.Response);
        var expected = new Stat(zxid, zxid, h.Time, h.Time, 0, 0, 0, 0, 5, 0, zxid);
        Assert.Equal(expected, response.Stat);
        Assert.Equal("/a", response.Path);
        Assert.Equal(expected, h.StatOf("/a"));

        var root = h.StatOf("/");
        Assert.Equal(zxid, root.Pzxid);
        Assert.Equal(2, root.NumChildren);
        Assert.Equal(1, h.Tree.GetNode("/")!.Stat.Cversion);
        Assert.Equal(0, root.Cversion);
        Assert.Equal(zxid, h.Tree.LastProcessedZxid);
        Assert.Equal(6, h.Tree.NodeCount);
        Assert.Equal(44 + 2 + 5, h.Tree.ApproximateDataSize);
    }

    [Fact]
    public void Client_cversion_counts_creates_and_deletes_while_stored_cversion_counts_creates()
    {
        var h = new Harness();
        h.CreatedPath("/p");
        h.CreatedPath("/p/a");
        Assert.Equal(1, h.StatOf("/p").Cversion);
        Assert.Equal(ErrorCode.Ok, h.Delete("/p/a").Err);
        var deleteZxid = h.Zxid;
        Assert.Equal(2, h.StatOf("/p").Cversion);
        Assert.Equal(1, h.Tree.GetNode("/p")!.Stat.Cversion);
        Assert.Equal(deleteZxid, h.StatOf("/p").Pzxid);
        h.CreatedPath("/p/b");
        Assert.Equal(3, h.StatOf("/p").Cversion);
    }

    [Fact]
    public void Sequence_numbers_come_from_stored_cversion_and_are_never_reused()
    {
        var h = new Harness();
        h.CreatedPath("/q");
        Assert.Equal("/q/n0000000000", h.CreatedPath("/q/n", CreateMode.PersistentSequential));
        Assert.Equal("/q/n0000000001", h.CreatedPath("/q/n", CreateMode.PersistentSequential));
        Assert.Equal(ErrorCode.Ok, h.Delete("/q/n0000000001").Err);
        Assert.Equal("/q/0000000002", h.CreatedPath("/q/", CreateMode.PersistentSequential));
        h.CreatedPath("/q/plain");
        Assert.Equal("/q/x0000000004", h.CreatedPath("/q/x", CreateMode.PersistentSequential));
    }

    [Fact]
    public void SetData_and_SetAcl_bump_their_versions()
    {
        var h = new Harness();
        h.CreatedPath("/a");
        var created = h.Zxid;
        h.Time += 1000;
        var reply = h.SetData("/a", Bytes.Of("xy"), 0);
        var stat = Assert.IsType<SetDataResponse>(reply.Response).Stat;
        Assert.Equal(new Stat(created, h.Zxid, h.Time - 1000, h.Time, 1, 0, 0, 0, 2, 0, created), stat);
        Assert.Equal(ErrorCode.BadVersion, h.SetData("/a", null, 0).Err);
        reply = h.Write(OpCode.SetAcl, new SetACLRequest("/a", Acl.ReadAclUnsafe, 0));
        Assert.Equal(1, Assert.IsType<SetACLResponse>(reply.Response).Stat.Aversion);
        Assert.Equal(Acl.ReadAclUnsafe, h.Tree.GetNode("/a")!.Acl);
        Assert.Equal(1, h.StatOf("/a").Version);
    }

    [Fact]
    public void Null_data_is_kept_distinct_from_empty()
    {
        var h = new Harness();
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.Create, new CreateRequest("/n", null, Acl.OpenAclUnsafe, 0)).Err);
        Assert.Null(h.Tree.GetNode("/n")!.Data);
        var reply = h.Read(OpCode.GetData, new GetDataRequest("/n", false));
        Assert.Null(Assert.IsType<GetDataResponse>(reply.Response).Data);
    }

    [Fact]
    public void Ephemerals_are_tracked_and_removed_with_their_session()
    {
        var h = new Harness();
        h.OpenSession(0x10);
        h.CreatedPath("/p");
        h.CreatedPath("/p/e1", CreateMode.Ephemeral, session: 0x10);
        h.CreatedPath("/p/e2", CreateMode.EphemeralSequential, session: 0x10);
        Assert.Equal(0x10, h.StatOf("/p/e1").EphemeralOwner);
        Assert.Equal(2, h.Tree.EphemeralsCount);
        Assert.Equal(30000, h.Tree.Sessions[0x10]);
        Assert.Equal(ErrorCode.NoChildrenForEphemerals, h.Create("/p/e1/c").Err);

        var watcher = new RecordingWatcher();
        h.Read(OpCode.GetChildren, new GetChildrenRequest("/p", true), watcher);
        h.CloseSession(0x10);
        Assert.Null(h.Tree.GetNode("/p/e1"));
        Assert.Empty(h.Tree.GetNode("/p")!.Children);
        Assert.Equal(0, h.Tree.EphemeralsCount);
        Assert.False(h.Tree.Sessions.ContainsKey(0x10));
        Assert.Equal([(EventType.NodeChildrenChanged, "/p")], watcher.Summary());
        var close = (CloseSessionTxn)h.Log[^1].Txn!;
        // In the order of ZooKeeper's HashSet of the session's ephemerals (what OpenJDK 17 lists for these two).
        Assert.Equal(["/p/e20000000001", "/p/e1"], close.Paths2Delete);
    }

    [Fact]
    public void Containers_and_ttl_nodes_hide_their_owner_marker()
    {
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        var reply = h.Write(OpCode.CreateContainer, new CreateRequest("/c", [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
        Assert.Equal(0, Assert.IsType<Create2Response>(reply.Response).Stat.EphemeralOwner);
        Assert.Equal(EphemeralOwner.Container, h.Tree.GetNode("/c")!.Stat.EphemeralOwner);
        Assert.Contains("/c", h.Tree.Containers);

        reply = h.Write(OpCode.CreateTtl, new CreateTTLRequest("/t", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 1000));
        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(0, h.StatOf("/t").EphemeralOwner);
        Assert.Equal(1000, EphemeralOwner.GetTtl(h.Tree.GetNode("/t")!.Stat.EphemeralOwner));
        Assert.Contains("/t", h.Tree.Ttls);
        Assert.Equal(ErrorCode.Ok, h.Create("/t/child").Err);
        Assert.Equal(ErrorCode.Ok, h.Create("/c/child").Err);

        h.Delete("/t/child");
        h.Delete("/t");
        Assert.Empty(h.Tree.Ttls);
    }

    [Fact]
    public void Delete_fires_node_deleted_once_per_watcher_then_parent_children_changed()
    {
        var h = new Harness();
        h.CreatedPath("/a");
        h.CreatedPath("/a/b");
        var both = new RecordingWatcher(1);
        var childOnly = new RecordingWatcher(2);
        h.Read(OpCode.GetData, new GetDataRequest("/a/b", true), both);
        h.Read(OpCode.GetChildren, new GetChildrenRequest("/a/b", true), both);
        h.Read(OpCode.GetChildren, new GetChildrenRequest("/a", true), both);
        h.Read(OpCode.GetChildren, new GetChildrenRequest("/a/b", true), childOnly);
        h.Delete("/a/b");
        var zxid = h.Zxid;
        Assert.Equal([(EventType.NodeDeleted, "/a/b"), (EventType.NodeChildrenChanged, "/a")], both.Summary());

        // 3.8.0 notifications carry no zxid (NIOServerCnxn.process sends -1 in the reply header).
        Assert.NotEqual(-1, zxid);
        Assert.All(both.Events, e => Assert.Equal(-1, e.Zxid));
        Assert.Equal([(EventType.NodeDeleted, "/a/b")], childOnly.Summary());
        Assert.Equal(0, h.Tree.WatchCount);
    }

    [Fact]
    public void Create_fires_exist_watch_then_parent_child_watch_and_setdata_fires_data_watch()
    {
        var h = new Harness();
        var w = new RecordingWatcher();
        Assert.Equal(ErrorCode.NoNode, h.Read(OpCode.Exists, new ExistsRequest("/x", true), w).Err);
        h.Read(OpCode.GetChildren, new GetChildrenRequest("/", true), w);
        h.CreatedPath("/x");
        Assert.Equal([(EventType.NodeCreated, "/x"), (EventType.NodeChildrenChanged, "/")], w.Summary());
        h.Read(OpCode.Exists, new ExistsRequest("/x", true), w);
        h.SetData("/x", [1]);
        h.SetData("/x", [2]);
        Assert.Equal((EventType.NodeDataChanged, "/x"), w.Summary()[^1]);
        Assert.Equal(3, w.Events.Count);
    }

    [Fact]
    public void Persistent_and_recursive_watches()
    {
        var h = new Harness();
        var persistent = new RecordingWatcher(1);
        var recursive = new RecordingWatcher(2);
        h.Tree.AddWatch("/a", persistent, AddWatchMode.Persistent);
        h.Tree.AddWatch("/a", recursive, AddWatchMode.PersistentRecursive);
        h.CreatedPath("/a");
        h.CreatedPath("/a/b");
        h.SetData("/a/b", [1]);
        h.Delete("/a/b");
        Assert.Equal(
            [(EventType.NodeCreated, "/a"), (EventType.NodeChildrenChanged, "/a"), (EventType.NodeChildrenChanged, "/a")],
            persistent.Summary());
        Assert.Equal(
            [(EventType.NodeCreated, "/a"), (EventType.NodeCreated, "/a/b"), (EventType.NodeDataChanged, "/a/b"), (EventType.NodeDeleted, "/a/b")],
            recursive.Summary());
        // 3.8.0 DataTree.addWatch puts both modes in both tables.
        Assert.Equal(WatcherMode.Persistent, h.Tree.DataWatches.GetMode(persistent, "/a"));
        Assert.Equal(WatcherMode.Persistent, h.Tree.ChildWatches.GetMode(persistent, "/a"));
        Assert.Equal(WatcherMode.PersistentRecursive, h.Tree.DataWatches.GetMode(recursive, "/a"));
        Assert.Equal(WatcherMode.PersistentRecursive, h.Tree.ChildWatches.GetMode(recursive, "/a"));
        Assert.Equal(4, h.Tree.WatchCount);
        Assert.True(h.Tree.ContainsWatcher("/a", 1, persistent));
        Assert.True(h.Tree.ContainsWatcher("/a", 2, recursive));

        // 3.8.0's WatcherType has no Persistent (4) / PersistentRecursive (5).
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Tree.ContainsWatcher("/a", 4, persistent));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Tree.RemoveWatch("/a", 5, recursive));
    }

    [Fact]
    public void One_shot_watch_turns_a_persistent_watch_of_the_same_connection_one_shot()
    {
        // 3.8.0 WatcherModeManager keeps one mode per (watcher, path): getData with a watch replaces the data
        // table's persistent mode, the child table keeps it. Checked against the real 3.8.0 server.
        var h = new Harness();
        h.CreatedPath("/p");
        var w = new RecordingWatcher();
        h.Tree.AddWatch("/p", w, AddWatchMode.Persistent);
        h.Read(OpCode.GetData, new GetDataRequest("/p", true), w);
        h.SetData("/p", [1]);
        h.SetData("/p", [2]);
        h.CreatedPath("/p/k");
        Assert.Equal([(EventType.NodeDataChanged, "/p"), (EventType.NodeChildrenChanged, "/p")], w.Summary());
        Assert.Equal(1, h.Tree.WatchCount);
    }

    [Fact]
    public void Recursive_watch_in_the_child_table_reports_descendant_deletes_the_data_table_missed()
    {
        // 3.8.0: addWatch(recursive) fills both tables; a later getData watch on the same path makes the data
        // table's entry one-shot. Then a create below fires nothing (the child table's recursive watch never
        // sees NodeChildrenChanged), but a delete below still fires NodeDeleted from the child table, which
        // deleteNode triggers for the deleted path. Checked against the real 3.8.0 server.
        var h = new Harness();
        h.CreatedPath("/q");
        h.CreatedPath("/q/x");
        var w = new RecordingWatcher();
        h.Tree.AddWatch("/q", w, AddWatchMode.PersistentRecursive);
        h.Read(OpCode.GetData, new GetDataRequest("/q", true), w);
        h.SetData("/q/x", [1]);
        h.CreatedPath("/q/y");
        h.Delete("/q/y");
        h.SetData("/q", [1]);
        h.SetData("/q", [2]);
        Assert.Equal([(EventType.NodeDeleted, "/q/y"), (EventType.NodeDataChanged, "/q")], w.Summary());
    }

    [Fact]
    public void Remove_watch_by_type_works_per_table()
    {
        // 3.8.0 DataTree.removeWatch: Data removes from the data table only, so a persistent watch keeps firing
        // child events; checkWatches then answers per table. Checked against the real 3.8.0 server.
        var h = new Harness();
        h.CreatedPath("/r");
        var w = new RecordingWatcher();
        h.Tree.AddWatch("/r", w, AddWatchMode.Persistent);
        Assert.True(h.Tree.RemoveWatch("/r", 2, w));
        h.SetData("/r", [3]);
        h.CreatedPath("/r/c");
        Assert.Equal([(EventType.NodeChildrenChanged, "/r")], w.Summary());
        Assert.True(h.Tree.ContainsWatcher("/r", 1, w));
        Assert.False(h.Tree.ContainsWatcher("/r", 2, w));
        Assert.True(h.Tree.ContainsWatcher("/r", 3, w));
        Assert.True(h.Tree.RemoveWatch("/r", 3, w));
        Assert.False(h.Tree.RemoveWatch("/r", 3, w));
    }

    [Fact]
    public void SetWatches_fires_for_changes_after_relative_zxid_and_registers_the_rest()
    {
        var h = new Harness();
        h.CreatedPath("/same");
        h.CreatedPath("/changed");
        h.CreatedPath("/parent");
        var relative = h.Zxid;
        h.SetData("/changed", [1]);
        h.CreatedPath("/parent/kid");
        h.CreatedPath("/born");
        var w = new RecordingWatcher();
        h.Tree.SetWatches(relative, ["/same", "/changed", "/gone"], ["/born", "/unborn"], ["/parent", "/same", "/gone2"], ["/p"], ["/r"], w);
        Assert.Equal(
            [
                (EventType.NodeDataChanged, "/changed"),
                (EventType.NodeDeleted, "/gone"),
                (EventType.NodeCreated, "/born"),
                (EventType.NodeChildrenChanged, "/parent"),
                (EventType.NodeDeleted, "/gone2"),
            ],
            w.Summary());
        Assert.All(w.Events, e => Assert.Equal(-1, e.Zxid));
        Assert.True(h.Tree.ContainsWatcher("/same", 2, w));
        Assert.True(h.Tree.ContainsWatcher("/unborn", 2, w));
        Assert.True(h.Tree.ContainsWatcher("/same", 1, w));

        // 3.8.0 DataTree.setWatches adds persistent and persistent-recursive watches to both tables.
        Assert.Equal(WatcherMode.Persistent, h.Tree.DataWatches.GetMode(w, "/p"));
        Assert.Equal(WatcherMode.Persistent, h.Tree.ChildWatches.GetMode(w, "/p"));
        Assert.Equal(WatcherMode.PersistentRecursive, h.Tree.DataWatches.GetMode(w, "/r"));
        Assert.Equal(WatcherMode.PersistentRecursive, h.Tree.ChildWatches.GetMode(w, "/r"));
    }

    [Fact]
    public void Replayed_create_over_existing_node_still_moves_parent_cversion_and_keeps_the_acl()
    {
        // 3.8.0 DataTree.processTxn: NodeExists on a create still runs setCversionPzxid on the parent; createNode
        // (parent.getChildren().contains) leaves the existing node, ACL included, untouched.
        var tree = new DataTree();
        tree.ProcessTxn(new TxnHeader(1, 1, 10, 5, OpCode.Create), new CreateTxn("/a", null, Acl.OpenAclUnsafe, false, 1));
        var result = tree.ProcessTxn(new TxnHeader(1, 2, 20, 5, OpCode.Create), new CreateTxn("/a", null, Acl.ReadAclUnsafe, false, 5));
        Assert.Equal(ErrorCode.NodeExists, result.Err);
        Assert.Equal(5, tree.GetNode("/")!.Stat.Cversion);
        Assert.Equal(20, tree.GetNode("/")!.Stat.Pzxid);
        Assert.Equal(Acl.OpenAclUnsafe, tree.GetNode("/a")!.Acl);
        Assert.Equal(20, tree.LastProcessedZxid);
    }

    [Fact]
    public void Error_txn_reports_its_code_and_advances_zxid()
    {
        var tree = new DataTree();
        var result = tree.ProcessTxn(new TxnHeader(1, 1, 42, 5, OpCode.Error), new ErrorTxn(ErrorCode.NoNode));
        Assert.Equal(ErrorCode.NoNode, result.Err);
        Assert.Equal(42, tree.LastProcessedZxid);
    }

    [Fact]
    public void GetAllChildrenNumber_counts_descendants()
    {
        var h = new Harness();
        h.CreatedPath("/a");
        h.CreatedPath("/a/b");
        h.CreatedPath("/a/b/c");
        h.CreatedPath("/ab");
        Assert.Equal(2, h.Tree.GetAllChildrenNumber("/a"));
        Assert.Equal(7, h.Tree.GetAllChildrenNumber("/"));
        Assert.Equal(8, h.Tree.GetAllChildrenNumber(string.Empty));
    }

    [Fact]
    public void Quota_stats_follow_the_subtree()
    {
        var h = new Harness();
        h.CreatedPath("/app");
        h.Create("/app/x", Bytes.Of("12345"));
        h.CreatedPath("/zookeeper/quota/app");
        h.Create("/zookeeper/quota/app/zookeeper_limits", Bytes.Of("count=10,bytes=-1"));
        h.Create("/zookeeper/quota/app/zookeeper_stats", Bytes.Of("count=0,bytes=0"));
        Assert.Equal("/app", h.Tree.GetMaxPrefixWithQuota("/app/x/y"));
        Assert.Null(h.Tree.GetMaxPrefixWithQuota("/apple"));
        string StatsText() => System.Text.Encoding.UTF8.GetString(h.Tree.GetNode("/zookeeper/quota/app/zookeeper_stats")!.Data!);
        Assert.Equal("count=2,bytes=5", StatsText());
        h.Create("/app/y", Bytes.Of("ab"));
        Assert.Equal("count=3,bytes=7", StatsText());
        h.SetData("/app/x", Bytes.Of("1"));
        Assert.Equal("count=3,bytes=3", StatsText());
        h.Delete("/app/y");
        Assert.Equal("count=2,bytes=1", StatsText());

        var loaded = DataTree.Deserialize(new MemoryStream(Bytes.Snapshot(h.Tree)));
        Assert.Equal("/app", loaded.GetMaxPrefixWithQuota("/app/x"));
        h.Delete("/zookeeper/quota/app/zookeeper_limits");
        Assert.Null(h.Tree.GetMaxPrefixWithQuota("/app/x"));
    }

    [Fact]
    public void Snapshot_round_trips_tree_sessions_and_zxid()
    {
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        h.OpenSession(0x77);
        h.CreatedPath("/a");
        h.Create("/a/e", Bytes.Of("eph"), CreateMode.Ephemeral, session: 0x77);
        h.Write(OpCode.CreateContainer, new CreateRequest("/c", null, Acl.OpenAclUnsafe, (int)CreateMode.Container));
        h.Write(OpCode.CreateTtl, new CreateTTLRequest("/t", [7], Acl.ReadAclUnsafe, (int)CreateMode.PersistentWithTtl, 99));
        h.Write(OpCode.SetAcl, new SetACLRequest("/a", [new Acl(Perms.All, new Id("ip", "10.0.0.0/8"))], -1));
        var bytes = Bytes.Snapshot(h.Tree);
        var loaded = DataTree.Deserialize(new MemoryStream(bytes), h.Tree.Options);
        Assert.Equal(bytes, Bytes.Snapshot(loaded));
        Assert.Equal(h.Tree.LastProcessedZxid, loaded.LastProcessedZxid);
        Assert.Equal(h.Tree.NodeCount, loaded.NodeCount);
        Assert.Equal(h.Tree.ApproximateDataSize, loaded.ApproximateDataSize);
        Assert.Equal(30000, loaded.Sessions[0x77]);
        Assert.Equal(["/a/e"], loaded.GetEphemerals(0x77));
        Assert.Equal(["/c"], loaded.Containers);
        Assert.Equal(["/t"], loaded.Ttls);
        Assert.Equal(h.StatOf("/a"), loaded.GetStat(loaded.GetNode("/a")!));
        Assert.Equal(h.Tree.AclCacheSize, loaded.AclCacheSize);
        Assert.Same(loaded.GetNode("/"), loaded.GetNode(string.Empty));
    }

    [Fact]
    public void Snapshot_rejects_garbage()
    {
        Assert.ThrowsAny<Exception>(() => DataTree.Deserialize(new MemoryStream([0, 0, 0, 5, 1, 2, 3, 4, 5])));
        Assert.ThrowsAny<Exception>(() => DataTree.Deserialize(new MemoryStream([])));
    }

    [Fact]
    public void Config_node_can_be_initialized_for_an_ensemble()
    {
        var tree = new DataTree();
        var w = new RecordingWatcher();
        tree.GetData("/zookeeper/config", w, out _, out _);
        tree.InitializeConfigNode(Bytes.Of("server.1=a:2888:3888"), 0x100000000, 77);
        var stat = tree.GetStat(tree.GetNode("/zookeeper/config")!);
        Assert.Equal(-1, stat.Version);
        Assert.Equal(0x100000000, stat.Mzxid);
        Assert.Equal(77, stat.Mtime);
        Assert.Equal(-1, stat.Aversion);
        Assert.Equal([(EventType.NodeDataChanged, "/zookeeper/config")], w.Summary());
    }

    [Fact]
    public void Impossible_ttl_in_a_txn_is_reported_not_thrown()
    {
        var tree = new DataTree(new CoreOptions { ExtendedTypesEnabled = true });
        var result = tree.ProcessTxn(new TxnHeader(1, 1, 5, 1, OpCode.CreateTtl), new CreateTTLTxn("/t", null, Acl.OpenAclUnsafe, 1, -1));
        Assert.Equal(ErrorCode.BadArguments, result.Err);
        Assert.Null(tree.GetNode("/t"));
    }

    [Fact]
    public void Multi_txn_failed_in_preparation_applies_nothing()
    {
        var tree = new DataTree();
        var multi = new MultiTxn(
        [
            new Txn(OpCode.Create, new CreateTxn("/a", null, Acl.OpenAclUnsafe, false, 1)),
            new Txn(OpCode.Error, new ErrorTxn(ErrorCode.BadVersion)),
            new Txn(OpCode.Error, new ErrorTxn(ErrorCode.RuntimeInconsistency)),
        ]);
        var result = tree.ProcessTxn(new TxnHeader(1, 1, 9, 1, OpCode.Multi), multi);
        Assert.Equal(ErrorCode.BadVersion, result.Err);
        Assert.Equal([OpCode.Error, OpCode.Error, OpCode.Error], result.MultiResult!.Select(r => r.Type));
        Assert.Equal([ErrorCode.Ok, ErrorCode.BadVersion, ErrorCode.RuntimeInconsistency], result.MultiResult!.Select(r => r.Err));
        Assert.Null(tree.GetNode("/a"));
        Assert.Equal(9, tree.LastProcessedZxid);
    }

    [Fact]
    public void Multi_txn_stops_at_an_entry_type_3_8_0_does_not_know()
    {
        // 3.8.0 DataTree.processTxn(multi) has no create2 case: "Invalid type of op" ends the multi, keeping
        // the entries applied before it.
        var tree = new DataTree();
        var multi = new MultiTxn(
        [
            new Txn(OpCode.Create, new CreateTxn("/a", null, Acl.OpenAclUnsafe, false, 1)),
            new Txn(OpCode.Create2, new CreateTxn("/b", null, Acl.OpenAclUnsafe, false, 2)),
            new Txn(OpCode.Create, new CreateTxn("/c", null, Acl.OpenAclUnsafe, false, 3)),
        ]);
        var result = tree.ProcessTxn(new TxnHeader(1, 1, 9, 1, OpCode.Multi), multi);
        Assert.Single(result.MultiResult!);
        Assert.NotNull(tree.GetNode("/a"));
        Assert.Null(tree.GetNode("/b"));
        Assert.Null(tree.GetNode("/c"));
    }
}
