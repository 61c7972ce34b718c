using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to getChildren2 (jute <c>org.apache.zookeeper.proto.GetChildren2Response</c>).</summary>
/// <param name="Children">The child names (not full paths).</param>
/// <param name="Stat">The parent's Stat.</param>
public sealed record GetChildren2Response(IReadOnlyList<string> Children, Stat Stat) : IJuteRecord<GetChildren2Response>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteStringVector(Children);
        writer.WriteRecord(Stat);
    }

    /// <inheritdoc />
    public static GetChildren2Response Deserialize(ref JuteReader reader) => new(
        reader.ReadStringVector() ?? [],
        reader.ReadRecord<Stat>());
}
