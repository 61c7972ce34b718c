using ActorZk.Protocol.Jute;

namespace ActorZk.Protocol.Records;

/// <summary>Dynamic reconfiguration of the ensemble (jute <c>org.apache.zookeeper.proto.ReconfigRequest</c>).</summary>
/// <param name="JoiningServers">Servers to add (incremental mode); ZooKeeper treats a null string as not given, which reads here as empty.</param>
/// <param name="LeavingServers">Server ids to remove (incremental mode); empty when not given.</param>
/// <param name="NewMembers">The complete new membership (non-incremental mode); empty when not given.</param>
/// <param name="CurConfigId">The expected current config version, or -1 for any.</param>
public sealed record ReconfigRequest(
    string JoiningServers,
    string LeavingServers,
    string NewMembers,
    long CurConfigId) : IJuteRecord<ReconfigRequest>
{
    /// <inheritdoc />
    public void Serialize(ref JuteWriter writer)
    {
        writer.WriteString(JoiningServers);
        writer.WriteString(LeavingServers);
        writer.WriteString(NewMembers);
        writer.WriteLong(CurConfigId);
    }

    /// <inheritdoc />
    public static ReconfigRequest Deserialize(ref JuteReader reader) => new(
        reader.ReadString() ?? string.Empty,
        reader.ReadString() ?? string.Empty,
        reader.ReadString() ?? string.Empty,
        reader.ReadLong());
}
