using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>Deletes a node (jute <c>DeleteTxn</c>); used by delete and deleteContainer.</summary>
/// <param name="Path">The node's path.</param>
public sealed record DeleteTxn(string Path) : ITxn, IJuteRecord<DeleteTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer) => writer.WriteString(Path);

    /// <inheritdoc />
    public static DeleteTxn Deserialize(ref JuteReader reader) => new(reader.ReadString() ?? string.Empty);
}
