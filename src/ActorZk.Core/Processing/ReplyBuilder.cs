using ActorZk.Core.Tree;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Processing;

/// <summary>
/// The reply of an applied write (the write half of ZooKeeper's <c>FinalRequestProcessor</c>).
/// </summary>
public static class ReplyBuilder
{
    /// <summary>
    /// Builds the reply for <paramref name="result"/>. A txn that failed in preparation (type error) gets a
    /// header-only reply with its code. A multi always replies Ok in the header, its outcome being in the
    /// per-op results (a failed multi: Ok for the ops before the failing one, its code for that one,
    /// RuntimeInconsistency after). Otherwise the response record of the op type comes with the apply
    /// result's code. createSession has no reply of its own (the connect response is the server's). A
    /// successful top-level check gets <see cref="Reply.None"/>: 3.8.0's <c>FinalRequestProcessor</c> answers it
    /// with a <c>SetDataResponse</c> whose stat is null, which fails to serialize, so no reply is ever sent.
    /// </summary>
    public static Reply Build(ProcessTxnResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Type)
        {
            case OpCode.Error:
                return Reply.Error(result.Err);
            case OpCode.Multi:
                return BuildMulti(result);
            case OpCode.Create:
                return new Reply(result.Err, new CreateResponse(result.Path ?? string.Empty));
            case OpCode.Create2:
            case OpCode.CreateTtl:
            case OpCode.CreateContainer:
                return new Reply(result.Err, new Create2Response(result.Path ?? string.Empty, result.Stat ?? default));
            case OpCode.Delete:
            case OpCode.DeleteContainer:
            case OpCode.CloseSession:
                return Reply.Error(result.Err);
            case OpCode.Check:
                return Reply.None;
            case OpCode.SetData:
                return new Reply(result.Err, new SetDataResponse(result.Stat ?? default));
            case OpCode.SetAcl:
                return new Reply(result.Err, new SetACLResponse(result.Stat ?? default));
            default:
                return Reply.Error(result.Err);
        }
    }

    private static Reply BuildMulti(ProcessTxnResult result)
    {
        var subResults = result.MultiResult ?? [];
        var results = new List<MultiResult>(subResults.Count);
        var sessionMoved = false;
        foreach (var sub in subResults)
        {
            switch (sub.Type)
            {
                case OpCode.Check:
                    results.Add(MultiResult.Check());
                    break;
                case OpCode.Create:
                    results.Add(MultiResult.Create(new CreateResponse(sub.Path ?? string.Empty)));
                    break;
                case OpCode.Create2:
                case OpCode.CreateTtl:
                case OpCode.CreateContainer:
                    // ZooKeeper's CreateResult with a stat is always typed create2 on the wire.
                    results.Add(MultiResult.Create2(new Create2Response(sub.Path ?? string.Empty, sub.Stat ?? default)));
                    break;
                case OpCode.Delete:
                case OpCode.DeleteContainer:
                    results.Add(MultiResult.Delete());
                    break;
                case OpCode.SetData:
                    results.Add(MultiResult.SetData(new SetDataResponse(sub.Stat ?? default)));
                    break;
                case OpCode.Error:
                    results.Add(MultiResult.Error(sub.Err));
                    sessionMoved |= sub.Err == ErrorCode.SessionMoved;
                    break;
                default:
                    return Reply.Error(ErrorCode.MarshallingError);
            }
        }

        return new Reply(ErrorCode.Ok, new MultiResponse(results), sessionMoved);
    }
}
