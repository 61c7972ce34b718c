using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Re-registers a reconnecting session's watches, opcode setWatches, xid -8 (jute <c>org.apache.zookeeper.proto.SetWatches</c>).</summary>
/// <param name="RelativeZxid">The last zxid the client has seen; watches fire at once for changes after it.</param>
/// <param name="DataWatches">Paths with data watches.</param>
/// <param name="ExistWatches">Paths with exist watches.</param>
/// <param name="ChildWatches">Paths with child watches.</param>
public sealed record SetWatches(
    long RelativeZxid,
    IReadOnlyList<string> DataWatches,
    IReadOnlyList<string> ExistWatches,
    IReadOnlyList<string> ChildWatches) : IJuteRecord<SetWatches>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteLong(RelativeZxid);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
    }

    /// <inheritdoc />
    public static SetWatches Deserialize(ref JuteReader reader) => new(
        reader.ReadLong(),
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? []);
}
