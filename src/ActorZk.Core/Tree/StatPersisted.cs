using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Tree;

/// <summary>
/// The stat fields a znode stores (jute <c>org.apache.zookeeper.data.StatPersisted</c>). The client-visible
/// <see cref="ActorZk.Protocol.Records.Stat"/> is derived from it: data length and child count come from the
/// node, and the client cversion counts deletes too (see <see cref="DataNode.ToStat"/>).
/// </summary>
/// <param name="Czxid">Creating zxid.</param>
/// <param name="Mzxid">Last data change zxid.</param>
/// <param name="Ctime">Creation time (ms).</param>
/// <param name="Mtime">Last data change time (ms).</param>
/// <param name="Version">Data version.</param>
/// <param name="Cversion">Number of children created (not the client cversion).</param>
/// <param name="Aversion">ACL version.</param>
/// <param name="EphemeralOwner">Owning session, container or TTL marker (see <see cref="Tree.EphemeralOwner"/>).</param>
/// <param name="Pzxid">Last children change zxid.</param>
public record struct StatPersisted(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    long Pzxid) : IJuteRecord<StatPersisted>
{
    /// <summary>ZooKeeper's <c>DataTree.createStat</c>: the stat of a node created now.</summary>
    public static StatPersisted ForCreate(long zxid, long time, long ephemeralOwner)
        => new(zxid, zxid, time, time, 0, 0, 0, ephemeralOwner, zxid);

    /// <inheritdoc />
    public readonly void Serialize(ref JuteWriter writer)
    {
        writer.WriteLong(Czxid);
        writer.WriteLong(Mzxid);
        writer.WriteLong(Ctime);
        writer.WriteLong(Mtime);
        writer.WriteInt(Version);
        writer.WriteInt(Cversion);
        writer.WriteInt(Aversion);
        writer.WriteLong(EphemeralOwner);
        writer.WriteLong(Pzxid);
    }

    /// <inheritdoc />
    public static StatPersisted Deserialize(ref JuteReader reader) => new(
        reader.ReadLong(),
        reader.ReadLong(),
        reader.ReadLong(),
        reader.ReadLong(),
        reader.ReadInt(),
        reader.ReadInt(),
        reader.ReadInt(),
        reader.ReadLong(),
        reader.ReadLong());
}
