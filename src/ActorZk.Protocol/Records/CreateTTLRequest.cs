using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Creates a znode with a time-to-live, opcode createTTL (jute <c>org.apache.zookeeper.proto.CreateTTLRequest</c>).</summary>
/// <param name="Path">The znode path (the parent path plus a prefix for sequential nodes).</param>
/// <param name="Data">The initial data; <see langword="null"/> is kept distinct from empty.</param>
/// <param name="Acl">The ACL of the new node.</param>
/// <param name="Flags">The raw create mode; validate with <see cref="CreateModeExtensions.TryFromFlag"/>.</param>
/// <param name="Ttl">The time-to-live in milliseconds.</param>
public sealed record CreateTTLRequest(
    string Path,
    byte[]? Data,
    IReadOnlyList<Acl> Acl,
    int Flags,
    long Ttl) : IJuteRecord<CreateTTLRequest>, IPathRequest
{
    /// <inheritdoc />
    public bool PathIsNull { get; init; }

    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(PathIsNull ? null : Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acl);
        writer.WriteInt(Flags);
        writer.WriteLong(Ttl);
    }

    /// <inheritdoc />
    public static CreateTTLRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadBuffer(),
            reader.ReadVector<Acl>() ?? [],
            reader.ReadInt(),
            reader.ReadLong()) { PathIsNull = path is null };
    }
}
