using ActorZk.Core.Processing;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// A leader of one: prepares a request, round-trips the txn through the codec as the log would, applies it
/// and builds the reply.
/// </summary>
internal sealed class Harness
{
    public Harness(CoreOptions? options = null)
    {
        Tree = new DataTree(options);
        Preparer = new RequestPreparer(Tree);
        Reads = new ReadProcessor(Tree);
    }

    public DataTree Tree { get; }

    public RequestPreparer Preparer { get; }

    public ReadProcessor Reads { get; }

    public long Zxid { get; private set; } = 0x100000000L;

    public long Time { get; set; } = 1_700_000_000_000;

    public List<(TxnHeader Header, ITxn? Txn)> Log { get; } = [];

    public static IReadOnlyList<Id> NoAuth { get; } = [];

    public PreparedTxn Prepare(OpCode op, IJuteRecord? request, long session = 1, IReadOnlyList<Id>? auth = null)
        => Preparer.Prepare(session, 7, op, request, auth ?? NoAuth, ++Zxid, Time);

    public (ProcessTxnResult Result, Reply Reply) Apply(PreparedTxn prepared)
    {
        var bytes = prepared.Encode();
        var header = TxnCodec.Decode(bytes, out var txn);
        Assert.Equal(prepared.Header, header);
        Log.Add((header, txn));
        var result = Tree.ProcessTxn(header, txn);
        Preparer.Applied(header.Zxid);
        return (result, ReplyBuilder.Build(result));
    }

    public Reply Write(OpCode op, IJuteRecord? request, long session = 1, IReadOnlyList<Id>? auth = null)
        => Apply(Prepare(op, request, session, auth)).Reply;

    public Reply Read(OpCode op, IJuteRecord? request, IWatcher? watcher = null, long session = 1, IReadOnlyList<Id>? auth = null)
        => Reads.Process(session, op, request, auth ?? NoAuth, watcher);

    public Reply Create(string path, byte[]? data = null, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null, long session = 1, IReadOnlyList<Id>? auth = null)
        => Write(OpCode.Create, new CreateRequest(path, data ?? [], acl ?? Acl.OpenAclUnsafe, (int)mode), session, auth);

    public string CreatedPath(string path, CreateMode mode = CreateMode.Persistent, long session = 1)
    {
        var reply = Create(path, mode: mode, session: session);
        Assert.Equal(ErrorCode.Ok, reply.Err);
        return ((CreateResponse)reply.Response!).Path;
    }

    public Reply Delete(string path, int version = -1, long session = 1)
        => Write(OpCode.Delete, new DeleteRequest(path, version), session);

    public Reply SetData(string path, byte[]? data, int version = -1, long session = 1)
        => Write(OpCode.SetData, new SetDataRequest(path, data, version), session);

    public Stat StatOf(string path)
    {
        var node = Tree.GetNode(path);
        Assert.NotNull(node);
        return Tree.GetStat(node);
    }

    public void OpenSession(long session, int timeout = 30000)
        => Assert.Equal(ErrorCode.Ok, Write(OpCode.CreateSession, new CreateSessionTxn(timeout), session).Err);

    public void CloseSession(long session)
        => Assert.Equal(ErrorCode.Ok, Write(OpCode.CloseSession, null, session).Err);
}
