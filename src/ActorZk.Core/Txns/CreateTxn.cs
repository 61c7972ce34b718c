using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>Creates a node (jute <c>CreateTxn</c>); used by create and create2.</summary>
/// <param name="Path">The full path, sequence suffix included.</param>
/// <param name="Data">The data; <see langword="null"/> is kept distinct from empty.</param>
/// <param name="Acl">The fixed-up ACL.</param>
/// <param name="Ephemeral">True if the node belongs to the header's session.</param>
/// <param name="ParentCVersion">The parent's cversion after this create; -1 (old logs) means "current + 1".</param>
public sealed record CreateTxn(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, bool Ephemeral, int ParentCVersion)
    : ITxn, IJuteRecord<CreateTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acl);
        writer.WriteBool(Ephemeral);
        writer.WriteInt(ParentCVersion);
    }

    /// <inheritdoc />
    public static CreateTxn Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString() ?? string.Empty;
        var data = reader.ReadBuffer();
        IReadOnlyList<Acl> acl = reader.ReadVector<Acl>() ?? [];
        var ephemeral = reader.ReadBool();

        // CreateTxnV0 (ZooKeeper 3.3 and older) ends here; ZooKeeper reads it as parentCVersion -1.
        var parentCVersion = reader.Remaining >= 4 ? reader.ReadInt() : -1;
        return new CreateTxn(path, data, acl, ephemeral, parentCVersion);
    }
}
