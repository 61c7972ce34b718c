using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>One ACL entry: permissions granted to an identity (jute <c>org.apache.zookeeper.data.ACL</c>).</summary>
/// <param name="Perms">Granted permission bits.</param>
/// <param name="Id">The identity they are granted to.</param>
public sealed record Acl(Perms Perms, Id Id) : IJuteRecord<Acl>
{
    /// <summary>world:anyone with all permissions.</summary>
    public static readonly IReadOnlyList<Acl> OpenAclUnsafe = [new(Perms.All, Id.AnyoneIdUnsafe)];

    /// <summary>All permissions for the creator's authenticated identities.</summary>
    public static readonly IReadOnlyList<Acl> CreatorAllAcl = [new(Perms.All, Id.AuthIds)];

    /// <summary>world:anyone read-only.</summary>
    public static readonly IReadOnlyList<Acl> ReadAclUnsafe = [new(Perms.Read, Id.AnyoneIdUnsafe)];

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteInt((int)Perms);
        writer.WriteRecord(Id);
    }

    /// <inheritdoc />
    public static Acl Deserialize(ref JuteReader reader)
        => new((Perms)reader.ReadInt(), reader.ReadRecord<Id>());
}
