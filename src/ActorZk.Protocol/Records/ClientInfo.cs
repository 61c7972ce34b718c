using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>An identity the session is authenticated as, as listed by whoAmI (jute <c>org.apache.zookeeper.data.ClientInfo</c>).</summary>
/// <param name="AuthScheme">The authentication scheme.</param>
/// <param name="User">The user name or other identity (for example an IP address) within the scheme.</param>
public sealed record ClientInfo(string AuthScheme, string User) : IJuteRecord<ClientInfo>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(AuthScheme);
        writer.WriteString(User);
    }

    /// <inheritdoc />
    public static ClientInfo Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadString() ?? string.Empty);
}
