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

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Scheme);
        writer.WriteString(Identity);
    }

    /// <inheritdoc />
    public static Id Deserialize(ref JuteReader reader)
        => new(reader.ReadString() ?? string.Empty, reader.ReadString() ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => $"{Scheme}:{Identity}";
}
