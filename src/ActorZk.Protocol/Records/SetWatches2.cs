using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Re-registers a reconnecting session's watches including persistent ones, opcode setWatches2, xid -8 (jute <c>org.apache.zookeeper.proto.SetWatches2</c>).</summary>
/// <param name="RelativeZxid">The last zxid the client has seen; watches fire at once for changes after it.</param>
/// <param name="DataWatches">Paths with data watches.</param>
/// <param name="ExistWatches">Paths with exist watches.</param>
/// <param name="ChildWatches">Paths with child watches.</param>
/// <param name="PersistentWatches">Paths with persistent watches.</param>
/// <param name="PersistentRecursiveWatches">Paths with persistent recursive watches.</param>
public sealed record SetWatches2(
    long RelativeZxid,
    IReadOnlyList<string> DataWatches,
    IReadOnlyList<string> ExistWatches,
    IReadOnlyList<string> ChildWatches,
    IReadOnlyList<string> PersistentWatches,
    IReadOnlyList<string> PersistentRecursiveWatches) : IJuteRecord<SetWatches2>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteLong(RelativeZxid);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
        writer.WriteStringVector(PersistentWatches);
        writer.WriteStringVector(PersistentRecursiveWatches);
    }

    /// <inheritdoc />
    public static SetWatches2 Deserialize(ref JuteReader reader) => new(
        reader.ReadLong(),
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? []);
}
