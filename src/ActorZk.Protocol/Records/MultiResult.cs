using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// One result of a <see cref="MultiResponse"/>: the <see cref="MultiHeader"/> fields and the record that follows.
/// Only the factories create instances, so the type always matches the record:
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>create</term><description><see cref="CreateResponse"/></description></item>
/// <item><term>create2</term><description><see cref="Create2Response"/>; also the result of createContainer and createTTL ops,
/// which ZooKeeper reports as create2 (its clients reject types 19 and 21 here)</description></item>
/// <item><term>delete, check</term><description>no record</description></item>
/// <item><term>setData</term><description><see cref="SetDataResponse"/></description></item>
/// <item><term>getData</term><description><see cref="GetDataResponse"/></description></item>
/// <item><term>getChildren</term><description><see cref="GetChildrenResponse"/></description></item>
/// <item><term>error (-1)</term><description><see cref="ErrorResponse"/> carrying <see cref="Err"/>, which is also in the header</description></item>
/// </list>
/// </remarks>
public sealed record MultiResult
{
    private MultiResult(OpCode type, ErrorCode err, IJuteRecord? response)
    {
        Type = type;
        Err = err;
        Response = response;
    }

    /// <summary>The result type: the op's type, or <see cref="OpCode.Error"/> for a failed op.</summary>
    public OpCode Type { get; }

    /// <summary>The error of a failed op (may be <see cref="ErrorCode.Ok"/> for ops of a failed multi
    /// that did not cause the failure); <see cref="ErrorCode.Ok"/> for the other types.</summary>
    public ErrorCode Err { get; }

    /// <summary>The record after the header, <see langword="null"/> for delete and check.</summary>
    public IJuteRecord? Response { get; }

    /// <summary>True for a failed op.</summary>
    public bool IsError => Type == OpCode.Error;

    /// <summary>The result of a create op.</summary>
    public static MultiResult Create(CreateResponse response) => new(OpCode.Create, ErrorCode.Ok, response);

    /// <summary>The result of a create2, createContainer or createTTL op.</summary>
    public static MultiResult Create2(Create2Response response) => new(OpCode.Create2, ErrorCode.Ok, response);

    /// <summary>The result of a delete op.</summary>
    public static MultiResult Delete() => new(OpCode.Delete, ErrorCode.Ok, null);

    /// <summary>The result of a check op.</summary>
    public static MultiResult Check() => new(OpCode.Check, ErrorCode.Ok, null);

    /// <summary>The result of a setData op.</summary>
    public static MultiResult SetData(SetDataResponse response) => new(OpCode.SetData, ErrorCode.Ok, response);

    /// <summary>The result of a getData op of a multiRead.</summary>
    public static MultiResult GetData(GetDataResponse response) => new(OpCode.GetData, ErrorCode.Ok, response);

    /// <summary>The result of a getChildren op of a multiRead.</summary>
    public static MultiResult GetChildren(GetChildrenResponse response) => new(OpCode.GetChildren, ErrorCode.Ok, response);

    /// <summary>A failed op. In a multiRead each op fails on its own; in a multi all results are errors.</summary>
    public static MultiResult Error(ErrorCode err) => new(OpCode.Error, err, new ErrorResponse(err));

    /// <summary>Writes the result's header and record (the header's err is 0 unless this is an error).</summary>
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteRecord(new MultiHeader(Type, false, Err));
        Response?.Serialize(ref writer);
    }

    /// <summary>Reads the record that follows a (non-terminating) result header.</summary>
    /// <exception cref="JuteException">The header's type is not a multi result type.</exception>
    public static MultiResult Deserialize(in MultiHeader header, ref JuteReader reader)
    {
        // As ZooKeeper's client, ignore the header's err except for the error type, whose code is
        // taken from the ErrorResponse body.
        switch (header.Type)
        {
            case OpCode.Create:
                return Create(CreateResponse.Deserialize(ref reader));
            case OpCode.Create2:
                return Create2(Create2Response.Deserialize(ref reader));
            case OpCode.Delete:
                return Delete();
            case OpCode.Check:
                return Check();
            case OpCode.SetData:
                return SetData(SetDataResponse.Deserialize(ref reader));
            case OpCode.GetData:
                return GetData(GetDataResponse.Deserialize(ref reader));
            case OpCode.GetChildren:
                return GetChildren(GetChildrenResponse.Deserialize(ref reader));
            case OpCode.Error:
                return Error(ErrorResponse.Deserialize(ref reader).Err);
            default:
                JuteException.Throw($"Invalid multi result type {(int)header.Type}");
                return null!;
        }
    }
}
