using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>Creates a container node (jute <c>CreateContainerTxn</c>).</summary>
/// <param name="Path">The full path.</param>
/// <param name="Data">The data.</param>
/// <param name="Acl">The fixed-up ACL.</param>
/// <param name="ParentCVersion">The parent's cversion after this create.</param>
public sealed record CreateContainerTxn(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, int ParentCVersion)
    : ITxn, IJuteRecord<CreateContainerTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acl);
        writer.WriteInt(ParentCVersion);
    }

    /// <inheritdoc />
    public static CreateContainerTxn Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadBuffer(),
        reader.ReadVector<Acl>() ?? [],
        reader.ReadInt());
}
