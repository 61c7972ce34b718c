using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to create2, createContainer and createTTL (jute <c>org.apache.zookeeper.proto.Create2Response</c>).</summary>
/// <param name="Path">The created path (with the sequence suffix, if any).</param>
/// <param name="Stat">The new znode's Stat.</param>
public sealed record Create2Response(string Path, Stat Stat) : IJuteRecord<Create2Response>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteRecord(Stat);
    }

    /// <inheritdoc />
    public static Create2Response Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadRecord<Stat>());
}
