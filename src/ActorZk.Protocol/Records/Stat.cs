using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>A znode's metadata as clients see it (jute <c>org.apache.zookeeper.data.Stat</c>).</summary>
/// <param name="Czxid">The zxid of the change that created the node.</param>
/// <param name="Mzxid">The zxid of the change that last modified the node's data.</param>
/// <param name="Ctime">Creation time in milliseconds since the epoch.</param>
/// <param name="Mtime">Last data modification time in milliseconds since the epoch.</param>
/// <param name="Version">Number of data changes.</param>
/// <param name="Cversion">Number of child changes.</param>
/// <param name="Aversion">Number of ACL changes.</param>
/// <param name="EphemeralOwner">Owning session id for an ephemeral node, 0 otherwise.</param>
/// <param name="DataLength">Length of the data.</param>
/// <param name="NumChildren">Number of children.</param>
/// <param name="Pzxid">The zxid of the change that last modified the children.</param>
public readonly record struct Stat(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    int DataLength,
    int NumChildren,
    long Pzxid) : IJuteRecord<Stat>
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 68;

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteLong(Czxid);
        writer.WriteLong(Mzxid);
        writer.WriteLong(Ctime);
        writer.WriteLong(Mtime);
        writer.WriteInt(Version);
        writer.WriteInt(Cversion);
        writer.WriteInt(Aversion);
        writer.WriteLong(EphemeralOwner);
        writer.WriteInt(DataLength);
        writer.WriteInt(NumChildren);
        writer.WriteLong(Pzxid);
    }

    /// <inheritdoc />
    public static Stat Deserialize(ref JuteReader reader) => new(
        reader.ReadLong(),
        reader.ReadLong(),
        reader.ReadLong(),
        reader.ReadLong(),
        reader.ReadInt(),
        reader.ReadInt(),
        reader.ReadInt(),
        reader.ReadLong(),
        reader.ReadInt(),
        reader.ReadInt(),
        reader.ReadLong());
}
