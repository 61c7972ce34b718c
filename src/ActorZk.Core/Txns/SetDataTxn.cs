using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>Replaces a node's data (jute <c>SetDataTxn</c>).</summary>
/// <param name="Path">The node's path.</param>
/// <param name="Data">The new data.</param>
/// <param name="Version">The node's data version after the change (not the expected one).</param>
public sealed record SetDataTxn(string Path, byte[]? Data, int Version) : ITxn, IJuteRecord<SetDataTxn>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteInt(Version);
    }

    /// <inheritdoc />
    public static SetDataTxn Deserialize(ref JuteReader reader)
        => new(reader.ReadString() ?? string.Empty, reader.ReadBuffer(), reader.ReadInt());
}
