using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// The body of a multi or multiRead reply (ZooKeeper's hand-written <c>MultiResponse</c>): each result is a
/// <see cref="MultiHeader"/> (type, done = false, err) followed by its record, and the list ends with
/// <see cref="MultiHeader.Terminator"/>. There is no count prefix.
/// </summary>
/// <remarks>
/// A failed multi has one error result per op: <see cref="ErrorCode.Ok"/> for the ops before the failing one,
/// the failure for it, and <see cref="ErrorCode.RuntimeInconsistency"/> after it; the reply header carries the
/// failure too. A multiRead reports each op's result on its own and its reply header is Ok.
/// </remarks>
/// <param name="Results">The results, one per op, in op order.</param>
public sealed record MultiResponse(IReadOnlyList<MultiResult> Results) : IJuteRecord<MultiResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        for (var i = 0; i < Results.Count; i++)
        {
            Results[i].Serialize(ref writer);
        }

        writer.WriteRecord(MultiHeader.Terminator);
    }

    /// <summary>Reads results until a header with done set.</summary>
    /// <exception cref="JuteException">Truncated input or an unknown result type.</exception>
    public static MultiResponse Deserialize(ref JuteReader reader)
    {
        var results = new List<MultiResult>();
        var header = MultiHeader.Deserialize(ref reader);
        while (!header.Done)
        {
            results.Add(MultiResult.Deserialize(header, ref reader));
            header = MultiHeader.Deserialize(ref reader);
        }

        return new(results);
    }
}
