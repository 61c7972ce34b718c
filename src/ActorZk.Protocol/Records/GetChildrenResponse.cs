using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>The reply to getChildren (jute <c>org.apache.zookeeper.proto.GetChildrenResponse</c>).</summary>
/// <param name="Children">The child names (not full paths).</param>
public sealed record GetChildrenResponse(IReadOnlyList<string> Children) : IJuteRecord<GetChildrenResponse>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteStringVector(Children);

    /// <inheritdoc />
    public static GetChildrenResponse Deserialize(ref JuteReader reader) => new(reader.ReadStringVector() ?? []);
}
