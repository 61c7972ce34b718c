using System.Text;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Durability;

/// <summary>Reads a whole subtree (data and Stat of every node) with pipelined reads, level by level.</summary>
internal static class TreeReader
{
    private const int Window = 256;

    /// <summary>Every node under and including <paramref name="root"/>, by path (ordinal order).</summary>
    public static async Task<SortedDictionary<string, NodeState>> ReadAsync(WireClient client, string root)
    {
        var nodes = new SortedDictionary<string, NodeState>(StringComparer.Ordinal);
        var level = new List<string> { root };
        while (level.Count > 0)
        {
            var next = new List<string>();
            foreach (var chunk in level.Chunk(Window))
            {
                var reads = new List<(string Path, Task<WireReply> Data, Task<WireReply> Children)>();
                foreach (var path in chunk)
                {
                    var data = await client.SendAsync(OpCode.GetData, new GetDataRequest(path, false));
                    var children = await client.SendAsync(OpCode.GetChildren, new GetChildrenRequest(path, false));
                    reads.Add((path, data, children));
                }

                foreach (var (path, dataTask, childrenTask) in reads)
                {
                    var data = await dataTask.WaitAsync(TimeSpan.FromSeconds(30));
                    var children = await childrenTask.WaitAsync(TimeSpan.FromSeconds(30));
                    if (data.Err == ErrorCode.NoNode)
                    {
                        // Removed between listing and reading (an expiring ephemeral): not part of the tree.
                        continue;
                    }

                    var response = data.Read<GetDataResponse>();
                    nodes[path] = new NodeState(Encoding.UTF8.GetString(response.Data ?? []), response.Stat);
                    if (children.Err == ErrorCode.Ok)
                    {
                        next.AddRange(children.Read<GetChildrenResponse>().Children.Select(child => path == "/" ? "/" + child : path + "/" + child));
                    }
                }
            }

            level = next;
        }

        return nodes;
    }
}
