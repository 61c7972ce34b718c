using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Durability;

/// <summary>A znode as read back from the server: its data (UTF-8, as the tests write it) and its Stat.</summary>
internal sealed record NodeState(string Data, Stat Stat)
{
    public override string ToString()
        => $"data='{Data}' version={Stat.Version} czxid=0x{Stat.Czxid:x} mzxid=0x{Stat.Mzxid:x} pzxid=0x{Stat.Pzxid:x} cversion={Stat.Cversion} children={Stat.NumChildren} owner=0x{Stat.EphemeralOwner:x}";
}
