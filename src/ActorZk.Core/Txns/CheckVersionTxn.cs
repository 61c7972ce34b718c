using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>A passed version check of a multi (jute <c>CheckVersionTxn</c>); changes nothing.</summary>
/// <param name="Path">The node's path.</param>
/// <param name="Version">As ZooKeeper records it: the checked version plus one.</param>
public sealed record CheckVersionTxn(string Path, int Version) : ITxn, IJuteRecord<CheckVersionTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Version);
    }

    /// <inheritdoc />
    public static CheckVersionTxn Deserialize(ref JuteReader reader)
        => new(reader.ReadString() ?? string.Empty, reader.ReadInt());
}
