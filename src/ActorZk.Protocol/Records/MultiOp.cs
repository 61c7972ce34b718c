using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// One op of a <see cref="MultiRequest"/>: its type (the <see cref="MultiHeader.Type"/> on the wire) and the
/// request record that follows the header. Only the factories create instances, so the type always matches the record:
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>create, create2, createContainer</term><description><see cref="CreateRequest"/></description></item>
/// <item><term>createTTL</term><description><see cref="CreateTTLRequest"/></description></item>
/// <item><term>delete</term><description><see cref="DeleteRequest"/></description></item>
/// <item><term>setData</term><description><see cref="SetDataRequest"/></description></item>
/// <item><term>check</term><description><see cref="CheckVersionRequest"/></description></item>
/// <item><term>getData (multiRead)</term><description><see cref="GetDataRequest"/></description></item>
/// <item><term>getChildren (multiRead)</term><description><see cref="GetChildrenRequest"/></description></item>
/// </list>
/// ZooKeeper ignores the watch flag of the read ops: a multiRead never leaves watches.
/// </remarks>
public sealed record MultiOp
{
    private MultiOp(OpCode type, IJuteRecord request)
    {
        Type = type;
        Request = request;
    }

    /// <summary>The op type.</summary>
    public OpCode Type { get; }

    /// <summary>The op's request record; its runtime type is fixed by <see cref="Type"/>.</summary>
    public IJuteRecord Request { get; }

    /// <summary>True for the ops of a multiRead (getData, getChildren), false for those of a multi.</summary>
    public bool IsRead => Type is OpCode.GetData or OpCode.GetChildren;

    /// <summary>A create op; <paramref name="type"/> is create, create2 or createContainer.</summary>
    public static MultiOp Create(CreateRequest request, OpCode type = OpCode.Create)
    {
        if (type is not (OpCode.Create or OpCode.Create2 or OpCode.CreateContainer))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "A CreateRequest op must be create, create2 or createContainer");
        }

        return new(type, request);
    }

    /// <summary>A createTTL op.</summary>
    public static MultiOp CreateTtl(CreateTTLRequest request) => new(OpCode.CreateTtl, request);

    /// <summary>A delete op.</summary>
    public static MultiOp Delete(DeleteRequest request) => new(OpCode.Delete, request);

    /// <summary>A setData op.</summary>
    public static MultiOp SetData(SetDataRequest request) => new(OpCode.SetData, request);

    /// <summary>A check (version) op.</summary>
    public static MultiOp Check(CheckVersionRequest request) => new(OpCode.Check, request);

    /// <summary>A getData op of a multiRead.</summary>
    public static MultiOp GetData(GetDataRequest request) => new(OpCode.GetData, request);

    /// <summary>A getChildren op of a multiRead.</summary>
    public static MultiOp GetChildren(GetChildrenRequest request) => new(OpCode.GetChildren, request);

    /// <summary>Writes the op's header and request record.</summary>
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteRecord(new MultiHeader(Type, false, (ErrorCode)(-1)));
        Request.Serialize(ref writer);
    }

    /// <summary>Reads the request record that follows a header of type <paramref name="type"/>.</summary>
    /// <exception cref="JuteException">The type is not a multi op.</exception>
    public static MultiOp Deserialize(OpCode type, ref JuteReader reader)
    {
        switch (type)
        {
            case OpCode.Create or OpCode.Create2 or OpCode.CreateContainer:
                // ZooKeeper 3.8.0 decodes any flags here; a bad mode fails only that op (BadArguments) when prepared.
                return new(type, CreateRequest.Deserialize(ref reader));
            case OpCode.CreateTtl:
                return new(type, CreateTTLRequest.Deserialize(ref reader));
            case OpCode.Delete:
                return new(type, DeleteRequest.Deserialize(ref reader));
            case OpCode.SetData:
                return new(type, SetDataRequest.Deserialize(ref reader));
            case OpCode.Check:
                return new(type, CheckVersionRequest.Deserialize(ref reader));
            case OpCode.GetData:
                return new(type, GetDataRequest.Deserialize(ref reader));
            case OpCode.GetChildren:
                return new(type, GetChildrenRequest.Deserialize(ref reader));
            default:
                JuteException.Throw($"Invalid multi op type {(int)type}");
                return null!;
        }
    }
}
