using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to getData (jute <c>org.apache.zookeeper.proto.GetDataResponse</c>).</summary>
/// <param name="Data">The data; <see langword="null"/> is kept distinct from empty.</param>
/// <param name="Stat">The znode's Stat.</param>
public sealed record GetDataResponse(byte[]? Data, Stat Stat) : IJuteRecord<GetDataResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteBuffer(Data);
        writer.WriteRecord(Stat);
    }

    /// <inheritdoc />
    public static GetDataResponse Deserialize(ref JuteReader reader) => new(
        reader.ReadBuffer(),
        reader.ReadRecord<Stat>());
}
