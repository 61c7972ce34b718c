using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>Creates a TTL node (jute <c>CreateTTLTxn</c>).</summary>
/// <param name="Path">The full path, sequence suffix included.</param>
/// <param name="Data">The data.</param>
/// <param name="Acl">The fixed-up ACL.</param>
/// <param name="ParentCVersion">The parent's cversion after this create.</param>
/// <param name="Ttl">The TTL in milliseconds.</param>
public sealed record CreateTTLTxn(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, int ParentCVersion, long Ttl)
    : ITxn, IJuteRecord<CreateTTLTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acl);
        writer.WriteInt(ParentCVersion);
        writer.WriteLong(Ttl);
    }

    /// <inheritdoc />
    public static CreateTTLTxn Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadBuffer(),
        reader.ReadVector<Acl>() ?? [],
        reader.ReadInt(),
        reader.ReadLong());
}
