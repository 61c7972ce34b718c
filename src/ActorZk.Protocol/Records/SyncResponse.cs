using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to sync (jute <c>org.apache.zookeeper.proto.SyncResponse</c>).</summary>
/// <param name="Path">The path of the request.</param>
public sealed record SyncResponse(string Path) : IJuteRecord<SyncResponse>
{
    /// <summary>Sends the path as a null string: ZooKeeper echoes a sync's null path as it came.</summary>
    public bool PathIsNull { get; init; }

    /// <summary>The reply to <paramref name="request"/>: its path, a null one included.</summary>
    public static SyncResponse Echo(SyncRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Path) { PathIsNull = request.PathIsNull };
    }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(PathIsNull ? null : Path);

    /// <inheritdoc />
    public static SyncResponse Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(path ?? string.Empty) { PathIsNull = path is null };
    }
}
