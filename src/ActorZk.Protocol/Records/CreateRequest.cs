using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Creates a znode: opcodes create, create2 and createContainer (jute <c>org.apache.zookeeper.proto.CreateRequest</c>).</summary>
/// <param name="Path">The znode path (the parent path plus a prefix for sequential nodes).</param>
/// <param name="Data">The initial data; <see langword="null"/> is kept distinct from empty.</param>
/// <param name="Acl">The ACL of the new node.</param>
/// <param name="Flags">The raw create mode; validate with <see cref="CreateModeExtensions.TryFromFlag"/>.</param>
public sealed record CreateRequest(
    string Path,
    byte[]? Data,
    IReadOnlyList<Acl> Acl,
    int Flags) : IJuteRecord<CreateRequest>, IPathRequest
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
    }

    /// <inheritdoc />
    public static CreateRequest Deserialize(ref JuteReader reader)
    {
        var path = reader.ReadString();
        return new(
            path ?? string.Empty,
            reader.ReadBuffer(),
            reader.ReadVector<Acl>() ?? [],
            reader.ReadInt()) { PathIsNull = path is null };
    }
}
