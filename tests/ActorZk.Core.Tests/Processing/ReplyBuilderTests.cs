using ActorZk.Core.Processing;
using ActorZk.Core.Tree;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Processing;

using Acl = ActorZk.Protocol.Records.Acl;

public class ReplyBuilderTests
{
    [Fact]
    public void Replies_per_op_type()
    {
        var stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        Assert.Equal(new CreateResponse("/a"), ReplyBuilder.Build(With(new ProcessTxnResult { Type = OpCode.Create }, "/a", stat)).Response);
        foreach (var type in new[] { OpCode.Create2, OpCode.CreateTtl, OpCode.CreateContainer })
        {
            Assert.Equal(new Create2Response("/a", stat), ReplyBuilder.Build(With(new ProcessTxnResult { Type = type }, "/a", stat)).Response);
        }

        Assert.Equal(new SetDataResponse(stat), ReplyBuilder.Build(With(new ProcessTxnResult { Type = OpCode.SetData }, "/a", stat)).Response);
        Assert.Equal(new SetACLResponse(stat), ReplyBuilder.Build(With(new ProcessTxnResult { Type = OpCode.SetAcl }, "/a", stat)).Response);
        Assert.Equal(Reply.Error(ErrorCode.Ok), ReplyBuilder.Build(new ProcessTxnResult { Type = OpCode.Delete }));
        Assert.Equal(Reply.Error(ErrorCode.Ok), ReplyBuilder.Build(new ProcessTxnResult { Type = OpCode.CloseSession }));
    }

    [Fact]
    public void Applied_top_level_check_gets_no_reply_at_all()
    {
        // 3.8.0 FinalRequestProcessor: SetDataResponse(rc.stat) with rc.stat null cannot be serialized and
        // NIOServerCnxn.sendResponse swallows the exception, so nothing is sent.
        var reply = ReplyBuilder.Build(new ProcessTxnResult { Type = OpCode.Check, Path = "/a" });
        Assert.True(reply.Silent);
        Assert.Null(reply.Response);
        Assert.False(Reply.Error(ErrorCode.Ok).Silent);
    }

    [Fact]
    public void Error_txn_has_no_body_and_session_moved_in_multi_closes_the_connection()
    {
        var h = new Harness();
        var reply = h.Write(OpCode.Create, new CreateRequest("/x/y", [], Acl.OpenAclUnsafe, 0));
        Assert.Equal(Reply.Error(ErrorCode.NoNode), reply);

        var tree = new DataTree();
        var multi = new ActorZk.Core.Txns.MultiTxn([new ActorZk.Core.Txns.Txn(OpCode.Error, new ActorZk.Core.Txns.ErrorTxn(ErrorCode.SessionMoved))]);
        var result = tree.ProcessTxn(new ActorZk.Core.Txns.TxnHeader(1, 1, 1, 1, OpCode.Multi), multi);
        Assert.True(ReplyBuilder.Build(result).CloseConnection);
    }

    private static ProcessTxnResult With(ProcessTxnResult result, string path, Stat stat)
    {
        result.Path = path;
        result.Stat = stat;
        return result;
    }
}
