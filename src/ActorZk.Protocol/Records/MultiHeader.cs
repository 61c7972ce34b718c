using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// The header in front of each op of a multi request and each result of a multi reply
/// (jute <c>org.apache.zookeeper.proto.MultiHeader</c>).
/// </summary>
/// <param name="Type">The op type, <see cref="OpCode.Error"/> for a failed result, or -1 in the terminator.</param>
/// <param name="Done">True only in the terminator that ends the list.</param>
/// <param name="Err">-1 in requests and in the terminator; the error code of a failed result, 0 otherwise.</param>
public readonly record struct MultiHeader(OpCode Type, bool Done, ErrorCode Err) : IJuteRecord<MultiHeader>
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 9;

    /// <summary>The header that ends both lists: type -1, done, err -1.</summary>
    public static MultiHeader Terminator => new((OpCode)(-1), true, (ErrorCode)(-1));

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteBool(Done);
        writer.WriteInt((int)Err);
    }

    /// <inheritdoc />
    public static MultiHeader Deserialize(ref JuteReader reader)
        => new((OpCode)reader.ReadInt(), reader.ReadBool(), (ErrorCode)reader.ReadInt());
}
