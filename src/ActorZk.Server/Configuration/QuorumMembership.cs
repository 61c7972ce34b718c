using System.Text;
using ActorZk.Server.Admin;

namespace ActorZk.Server.Configuration;

/// <summary>
/// The ensemble's membership as ZooKeeper writes it (QuorumMaj.toString): one "server.N=host:quorumPort:electionPort:
/// participant|observer[;clientHost:clientPort]" line per member, then "version=" and the configuration's version in
/// hex. It is the data of <c>/zookeeper/config</c> on every quorum member and the tail of <c>conf</c>.
/// </summary>
internal static class QuorumMembership
{
    public static string Text(IEnumerable<PeerSpec> peers, long version)
    {
        var text = new StringBuilder();
        foreach (var peer in peers.OrderBy(p => p.Id))
        {
            text.Append("server.").Append(JavaText.Dec(peer.Id)).Append('=')
                .Append(JavaText.DelimitedHost(peer.Host)).Append(':').Append(JavaText.Dec(peer.QuorumPort))
                .Append(':').Append(JavaText.Dec(peer.ElectionPort))
                .Append(peer.IsObserver ? ":observer" : ":participant");
            if (peer.ClientPort is { } clientPort)
            {
                text.Append(';').Append(JavaText.DelimitedHost(peer.ClientAddress ?? "0.0.0.0")).Append(':')
                    .Append(JavaText.Dec(clientPort));
            }

            text.Append('\n');
        }

        return text.Append("version=").Append(JavaText.Hex(version)).ToString();
    }
}
