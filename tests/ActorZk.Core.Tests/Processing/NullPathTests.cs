using ActorZk.Core.Processing;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Processing;

using Acl = ActorZk.Protocol.Records.Acl;

// Requests whose path was a null string on the wire, answered as ZooKeeper 3.8.0 answers them (checked against it
// with tests/interop/diff --null-paths): its NullPointerExceptions become MarshallingError, its PathUtils check
// BadArguments.
public class NullPathTests
{
    [Fact]
    public void Reads_fail_with_marshalling_error_and_leave_no_watch()
    {
        var h = new Harness();
        var w = new RecordingWatcher();
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.Exists, new ExistsRequest("", true) { PathIsNull = true }, w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.GetData, new GetDataRequest("", true) { PathIsNull = true }, w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.GetChildren, new GetChildrenRequest("", true) { PathIsNull = true }, w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.GetChildren2, new GetChildren2Request("", true) { PathIsNull = true }, w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.GetAcl, new GetACLRequest("") { PathIsNull = true }).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("") { PathIsNull = true }).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("", 3) { PathIsNull = true }, w).Err);
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("", 3) { PathIsNull = true }, w).Err);
        Assert.False(h.Tree.ContainsWatcher("", 3, w));
        Assert.False(h.Tree.ContainsWatcher("/", 3, w));
    }

    [Fact]
    public void AddWatch_succeeds_once_per_connection_and_removing_it_fails_part_way()
    {
        // 3.8.0's WatchManager keeps the null path as a key; its WatcherModeManager's Key.equals throws on it.
        var h = new Harness();
        var w = new RecordingWatcher();
        AddWatchRequest Add(AddWatchMode mode) => new("", (int)mode) { PathIsNull = true };
        RemoveWatchesRequest Remove(int type) => new("", type) { PathIsNull = true };
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.RemoveWatches, Remove(3), w).Err);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.AddWatch, Add(AddWatchMode.PersistentRecursive), w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.AddWatch, Add(AddWatchMode.Persistent), w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.RemoveWatches, Remove(3), w).Err);  // child manager
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.RemoveWatches, Remove(3), w).Err);  // data manager
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.RemoveWatches, Remove(3), w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.AddWatch, Add(AddWatchMode.Persistent), w).Err);

        // another connection starts afresh; no event ever reaches such a watch
        var other = new RecordingWatcher();
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.AddWatch, Add(AddWatchMode.Persistent), other).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.AddWatch, new AddWatchRequest("", 2) { PathIsNull = true }, other).Err);
        h.SetData("/", [1]);
        h.CreatedPath("/x");
        Assert.Empty(w.Summary());
        Assert.Empty(other.Summary());
    }

    [Fact]
    public void A_recursive_one_counts_for_good_so_walks_go_over_parents()
    {
        // checkWatches on "a/b" walks its parents once any recursive watch is counted, and fails on "a".
        var h = new Harness();
        var w = new RecordingWatcher();
        Assert.Equal(ErrorCode.NoWatcher, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("a/b", 3), w).Err);
        Assert.Equal(ErrorCode.Ok, h.Read(OpCode.AddWatch, new AddWatchRequest("", (int)AddWatchMode.PersistentRecursive) { PathIsNull = true }, w).Err);
        Assert.Equal(1, h.Tree.DataWatches.RecursiveWatchCount);
        Assert.Equal(1, h.Tree.ChildWatches.RecursiveWatchCount);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("", 3) { PathIsNull = true }, w).Err);
        Assert.Equal(ErrorCode.MarshallingError, h.Read(OpCode.CheckWatches, new CheckWatchesRequest("a/b", 3), new RecordingWatcher()).Err);
        Assert.Equal(1, h.Tree.DataWatches.RecursiveWatchCount);
    }

    [Fact]
    public void Sync_echoes_it_and_getEphemerals_lists_everything()
    {
        var h = new Harness();
        h.OpenSession(1);
        h.CreatedPath("/e", CreateMode.Ephemeral, session: 1);
        var sync = Assert.IsType<SyncResponse>(h.Read(OpCode.Sync, new SyncRequest("") { PathIsNull = true }).Response);
        Assert.True(sync.PathIsNull);
        var ephemerals = Assert.IsType<GetEphemeralsResponse>(h.Read(OpCode.GetEphemerals, new GetEphemeralsRequest("") { PathIsNull = true }, session: 1).Response);
        Assert.Equal(["/e"], ephemerals.Ephemerals);
    }

    [Fact]
    public void MultiRead_answers_the_ops_before_it_then_fails()
    {
        var h = new Harness();
        var reply = h.Read(OpCode.MultiRead, new MultiRequest([
            MultiOp.GetData(new GetDataRequest("/", false)),
            MultiOp.GetChildren(new GetChildrenRequest("", false) { PathIsNull = true }),
            MultiOp.GetData(new GetDataRequest("/", false)),
        ]));
        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        var results = Assert.IsType<MultiResponse>(reply.Response).Results;
        Assert.Single(results);
    }

    [Fact]
    public void Writes_are_error_txns_marshalling_for_create_and_delete_bad_arguments_for_the_rest()
    {
        var h = new Harness();
        Assert.Equal(ErrorCode.MarshallingError, Error(h.Prepare(OpCode.Create, new CreateRequest("", [], Acl.OpenAclUnsafe, 0) { PathIsNull = true })));
        Assert.Equal(ErrorCode.MarshallingError, Error(h.Prepare(OpCode.Create2, new CreateRequest("", [], [], 2) { PathIsNull = true })));
        Assert.Equal(ErrorCode.MarshallingError, Error(h.Prepare(OpCode.Delete, new DeleteRequest("", -1) { PathIsNull = true })));
        Assert.Equal(ErrorCode.BadArguments, Error(h.Prepare(OpCode.SetData, new SetDataRequest("", null, -1) { PathIsNull = true })));
        Assert.Equal(ErrorCode.BadArguments, Error(h.Prepare(OpCode.Check, new CheckVersionRequest("", -1) { PathIsNull = true })));
        Assert.Equal(ErrorCode.BadArguments, Error(h.Prepare(OpCode.SetAcl, new SetACLRequest("", [], -1) { PathIsNull = true })));

        // the mode is checked before the path
        Assert.Equal(ErrorCode.BadArguments, Error(h.Prepare(OpCode.Create, new CreateRequest("", [], Acl.OpenAclUnsafe, 7) { PathIsNull = true })));
    }

    [Fact]
    public void Null_data_is_legitimate()
    {
        var h = new Harness();
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.Create, new CreateRequest("/n", null, Acl.OpenAclUnsafe, 0)).Err);
        Assert.Equal(ErrorCode.Ok, h.Write(OpCode.SetData, new SetDataRequest("/n", null, -1)).Err);
        Assert.Null(Assert.IsType<GetDataResponse>(h.Read(OpCode.GetData, new GetDataRequest("/n", false)).Response).Data);
    }

    [Fact]
    public void A_multi_with_one_is_recognised_and_a_leader_makes_it_an_error_txn()
    {
        var multi = new MultiRequest([
            MultiOp.Create(new CreateRequest("/a", [], Acl.OpenAclUnsafe, 0)),
            MultiOp.Check(new CheckVersionRequest("", -1) { PathIsNull = true }),
        ]);
        Assert.True(RequestPreparer.HasNullPath(multi));
        Assert.False(RequestPreparer.HasNullPath(new MultiRequest([MultiOp.Create(new CreateRequest("", [], Acl.OpenAclUnsafe, 0))])));

        var h = new Harness();
        var prepared = h.Prepare(OpCode.Multi, multi);
        Assert.Equal(OpCode.Error, prepared.Header.Type);
        Assert.Equal(new ErrorTxn(ErrorCode.MarshallingError), prepared.Txn);
        Assert.Equal(0, h.Preparer.OutstandingChangeCount);
    }

    [Fact]
    public void A_null_acl_id_fails_create_and_setAcl_and_a_whole_multi_with_marshalling_error()
    {
        var h = new Harness();
        IReadOnlyList<Acl> acl = [new(Perms.All, new Id("world", "") { IdentityIsNull = true })];
        Assert.Equal(ErrorCode.MarshallingError, Error(h.Prepare(OpCode.Create, new CreateRequest("/a", [], acl, 0))));
        Assert.Equal(ErrorCode.MarshallingError, Error(h.Prepare(OpCode.SetAcl, new SetACLRequest("/", acl, -1))));
        var multi = h.Prepare(OpCode.Multi, new MultiRequest([
            MultiOp.Create(new CreateRequest("/m", [], Acl.OpenAclUnsafe, 0)),
            MultiOp.Create(new CreateRequest("/n", [], acl, 0)),
        ]));
        Assert.Equal(ErrorCode.MarshallingError, Error(multi));
    }

    private static ErrorCode Error(PreparedTxn prepared)
    {
        Assert.Equal(OpCode.Error, prepared.Header.Type);
        return Assert.IsType<ErrorTxn>(prepared.Txn).Err;
    }
}
