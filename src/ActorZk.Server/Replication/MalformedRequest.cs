using ActorZk.Protocol.Jute;

namespace ActorZk.Server.Replication;

/// <summary>Stands in for a request body that could not be decoded; the peer answers it with MarshallingError.</summary>
public sealed record MalformedRequest : IJuteRecord
{
    public static readonly MalformedRequest Instance = new();

    public void Serialize(ref JuteWriter writer)
    {
        // Never sent.
    }
}
