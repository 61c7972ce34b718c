using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to whoAmI (jute <c>org.apache.zookeeper.proto.WhoAmIResponse</c>).</summary>
/// <param name="ClientInfo">The identities the session is authenticated as.</param>
public sealed record WhoAmIResponse(IReadOnlyList<ClientInfo> ClientInfo) : IJuteRecord<WhoAmIResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteVector(ClientInfo);

    /// <inheritdoc />
    public static WhoAmIResponse Deserialize(ref JuteReader reader) => new(reader.ReadVector<ClientInfo>() ?? []);
}
