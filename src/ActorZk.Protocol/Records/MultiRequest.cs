using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// The body of a multi or multiRead request (ZooKeeper's hand-written <c>MultiOperationRecord</c>): each op is a
/// <see cref="MultiHeader"/> (type, done = false, err = -1) followed by its request record, and the list ends
/// with <see cref="MultiHeader.Terminator"/>. There is no count prefix.
/// </summary>
/// <param name="Ops">The ops in order; all writes (multi) or all reads (multiRead).</param>
public sealed record MultiRequest(IReadOnlyList<MultiOp> Ops) : IJuteRecord<MultiRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        for (var i = 0; i < Ops.Count; i++)
        {
            Ops[i].Serialize(ref writer);
        }

        writer.WriteRecord(MultiHeader.Terminator);
    }

    /// <summary>Reads ops until a header with done set.</summary>
    /// <exception cref="JuteException">Truncated input, an unknown op type, a create with invalid flags, or reads
    /// mixed with writes; ZooKeeper fails the same inputs while decoding (the reply is MarshallingError).</exception>
    public static MultiRequest Deserialize(ref JuteReader reader)
    {
        var ops = new List<MultiOp>();
        var header = MultiHeader.Deserialize(ref reader);
        while (!header.Done)
        {
            var op = MultiOp.Deserialize(header.Type, ref reader);
            if (ops.Count > 0 && ops[0].IsRead != op.IsRead)
            {
                JuteException.Throw("Mixing read and write operations is not allowed in a multi request");
            }

            ops.Add(op);
            header = MultiHeader.Deserialize(ref reader);
        }

        return new(ops);
    }
}
