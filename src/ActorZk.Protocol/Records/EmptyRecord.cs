using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>
/// A record without fields: the body of ping, closeSession and whoAmI requests, which carry only a
/// <see cref="RequestHeader"/>. Not a jute class; it lets a decoder tell "no body" from "unknown op".
/// </summary>
public sealed record EmptyRecord : IJuteRecord<EmptyRecord>
{
    private EmptyRecord()
    {
    }

    /// <summary>The only instance.</summary>
    public static EmptyRecord Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
    }

    /// <inheritdoc />
    public static EmptyRecord Deserialize(ref JuteReader reader) => Instance;
}
