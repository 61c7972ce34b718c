using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>Replaces a node's ACL (jute <c>SetACLTxn</c>).</summary>
/// <param name="Path">The node's path.</param>
/// <param name="Acl">The fixed-up ACL.</param>
/// <param name="Version">The node's ACL version (aversion) after the change.</param>
public sealed record SetACLTxn(string Path, IReadOnlyList<Acl> Acl, int Version) : ITxn, IJuteRecord<SetACLTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteVector(Acl);
        writer.WriteInt(Version);
    }

    /// <inheritdoc />
    public static SetACLTxn Deserialize(ref JuteReader reader)
        => new(reader.ReadString() ?? string.Empty, reader.ReadVector<Acl>() ?? [], reader.ReadInt());
}
