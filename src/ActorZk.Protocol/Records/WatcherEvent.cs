using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>A watch notification, sent with xid -1 (jute <c>org.apache.zookeeper.proto.WatcherEvent</c>).</summary>
/// <param name="Type">The event type.</param>
/// <param name="State">The client's connection state.</param>
/// <param name="Path">The path the event is about (empty for connection-state events).</param>
public sealed record WatcherEvent(EventType Type, KeeperState State, string Path) : IJuteRecord<WatcherEvent>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteInt((int)State);
        writer.WriteString(Path);
    }

    /// <inheritdoc />
    public static WatcherEvent Deserialize(ref JuteReader reader) => new(
        (EventType)reader.ReadInt(),
        (KeeperState)reader.ReadInt(),
        reader.ReadString() ?? string.Empty);
}
