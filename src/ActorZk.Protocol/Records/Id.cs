using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>An identity under an auth scheme (jute <c>org.apache.zookeeper.data.Id</c>).</summary>
/// <param name="Scheme">The scheme: world, auth, digest, ip, super, ...</param>
/// <param name="Identity">The identity within the scheme (jute field <c>id</c>).</param>
public sealed record Id(string Scheme, string Identity) : IJuteRecord<Id>
{
    /// <summary>world:anyone.</summary>
    public static readonly Id AnyoneIdUnsafe = new("world", "anyone");

    /// <summary>auth: the identities the creating session authenticated with.</summary>
    public static readonly Id AuthIds = new("auth", string.Empty);

    /// <summary>True when the scheme was a null string on the wire (<see cref="Scheme"/> is then empty).</summary>
    public bool SchemeIsNull { get; init; }

    /// <summary>True when the identity was a null string on the wire (<see cref="Identity"/> is then empty).</summary>
    public bool IdentityIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(SchemeIsNull ? null : Scheme);
        writer.WriteString(IdentityIsNull ? null : Identity);
    }

    /// <inheritdoc />
    public static Id Deserialize(ref JuteReader reader)
    {
        var scheme = reader.ReadString();
        var identity = reader.ReadString();
        return new(scheme ?? string.Empty, identity ?? string.Empty) { SchemeIsNull = scheme is null, IdentityIsNull = identity is null };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Scheme}:{Identity}";
}
