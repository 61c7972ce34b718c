using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Asks the server to catch up with the leader (jute <c>org.apache.zookeeper.proto.SyncRequest</c>).</summary>
/// <param name="Path">The path the client syncs on.</param>
public sealed record SyncRequest(string Path) : IJuteRecord<SyncRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(PathIsNull ? null : Path);

    /// <inheritdoc />
    public static SyncRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(path ?? string.Empty) { PathIsNull = path is null };
    }
}
