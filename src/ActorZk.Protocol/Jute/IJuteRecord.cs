namespace ActorZk.Protocol.Jute;

/// <summary>A record that can write itself in jute encoding.</summary>
public interface IJuteRecord
{
    /// <summary>Writes this record's fields in declaration order.</summary>
    void Serialize(ref JuteWriter writer);
}

/// <summary>A record that can be read from jute encoding.</summary>
/// <typeparam name="TSelf">The record type itself.</typeparam>
public interface IJuteReadable<TSelf>
    where TSelf : IJuteReadable<TSelf>
{
    /// <summary>Reads a record's fields in declaration order.</summary>
    static abstract TSelf Deserialize(ref JuteReader reader);
}

/// <summary>A record that can be both written and read.</summary>
/// <typeparam name="TSelf">The record type itself.</typeparam>
public interface IJuteRecord<TSelf> : IJuteRecord, IJuteReadable<TSelf>
    where TSelf : IJuteRecord<TSelf>
{
}
