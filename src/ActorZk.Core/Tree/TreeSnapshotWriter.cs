using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// Writes a snapshot of a <see cref="DataTree"/> in steps (see <see cref="DataTree.BeginSnapshot(Stream)"/>). The
/// header (zxid) and the session table are taken when the writer is created; nodes are visited depth-first,
/// children sorted ordinally, each read when its turn comes. A node deleted before its turn is skipped, and so
/// are its children; a node created under an already visited parent is not in the snapshot (its create txn
/// comes after the label and is replayed).
/// </summary>
public sealed class TreeSnapshotWriter : IDisposable
{
    private const int SessionsPerFrame = 4096;
    private const int FlushThreshold = 64 * 1024;

    private readonly DataTree tree;
    private readonly Stream stream;
    private readonly bool ownsStream;
    private readonly PooledBufferWriter output = new(FlushThreshold + 4096);
    private readonly Dictionary<IReadOnlyList<Acl>, int> aclIndexes = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<string> pending = new();
    private readonly List<string> names = [];
    private int nodeCount;
    private int frameStart;
    private bool finished;

    internal TreeSnapshotWriter(DataTree tree, Stream stream, bool ownsStream)
    {
        this.tree = tree;
        this.stream = stream;
        this.ownsStream = ownsStream;
        Zxid = tree.LastProcessedZxid;

        var writer = Begin(DataTree.TagHeader);
        writer.WriteInt(DataTree.SnapshotMagic);
        writer.WriteInt(DataTree.SnapshotFormatVersion);
        writer.WriteLong(Zxid);
        End();

        var sessionIds = new List<long>(tree.Sessions.Keys);
        sessionIds.Sort();
        for (var start = 0; start < sessionIds.Count; start += SessionsPerFrame)
        {
            var count = Math.Min(SessionsPerFrame, sessionIds.Count - start);
            writer = Begin(DataTree.TagSessions);
            writer.WriteInt(count);
            for (var i = start; i < start + count; i++)
            {
                writer.WriteLong(sessionIds[i]);
                writer.WriteInt(tree.Sessions[sessionIds[i]]);
            }

            End();
        }

        pending.Push("/");
    }

    /// <summary>The zxid the snapshot is labelled with: the tree's last applied zxid when it started.</summary>
    public long Zxid { get; }

    /// <summary>Nodes written so far.</summary>
    public int NodeCount => nodeCount;

    /// <summary>Writes up to <paramref name="maxNodes"/> more nodes; true once the snapshot is complete and flushed.</summary>
    public bool WriteNext(int maxNodes)
    {
        if (finished)
        {
            return true;
        }

        for (var written = 0; written < maxNodes && pending.Count > 0; written++)
        {
            var path = pending.Pop();
            var node = tree.GetNode(path);
            if (node is null)
            {
                continue;
            }

            WriteNode(path, node);
            if (node.childNames is { Count: > 0 })
            {
                names.Clear();
                names.AddRange(node.childNames.Unordered);
                names.Sort(StringComparer.Ordinal);
                var prefix = path == "/" ? "/" : path + "/";
                for (var i = names.Count - 1; i >= 0; i--)
                {
                    pending.Push(prefix + names[i]);
                }
            }
        }

        if (pending.Count > 0)
        {
            return false;
        }

        var writer = Begin(DataTree.TagEnd);
        writer.WriteInt(nodeCount);
        End();
        Flush();
        finished = true;
        return true;
    }

    /// <summary>The snapshot bytes, for a writer started with <see cref="DataTree.BeginSnapshot()"/>, once complete.</summary>
    /// <exception cref="InvalidOperationException">The snapshot is not complete, or was written to a caller's stream.</exception>
    public byte[] ToArray() => finished && ownsStream && stream is MemoryStream memory
        ? memory.ToArray()
        : throw new InvalidOperationException("The snapshot is not complete or not held in memory");

    /// <inheritdoc />
    public void Dispose()
    {
        output.Dispose();
        if (ownsStream)
        {
            stream.Dispose();
        }
    }

    private void WriteNode(string path, DataNode node)
    {
        int aclIndex;
        if (ReferenceEquals(node.Acl, Acl.OpenAclUnsafe))
        {
            aclIndex = DataTree.BuiltInAclIndex;
        }
        else if (!aclIndexes.TryGetValue(node.Acl, out aclIndex))
        {
            aclIndex = aclIndexes.Count;
            aclIndexes[node.Acl] = aclIndex;
            var aclWriter = Begin(DataTree.TagAcl);
            aclWriter.WriteInt(aclIndex);
            aclWriter.WriteVector(node.Acl);
            End();
        }

        var writer = Begin(DataTree.TagNode);
        writer.WriteString(path);
        writer.WriteBuffer(node.Data);
        writer.WriteInt(aclIndex);
        node.persistedStat.Serialize(ref writer);
        End();
        nodeCount++;
    }

    // Frames are built in one pooled buffer and written to the stream in large chunks.
    private JuteWriter Begin(byte tag)
    {
        frameStart = output.WrittenCount;
        var writer = new JuteWriter(output);
        writer.WriteInt(0);
        output.GetSpan(1)[0] = tag;
        output.Advance(1);
        return writer;
    }

    private void End()
    {
        output.PatchInt(frameStart, output.WrittenCount - frameStart - 4);
        if (output.WrittenCount >= FlushThreshold)
        {
            Flush();
        }
    }

    private void Flush()
    {
        stream.Write(output.WrittenSpan);
        output.Clear();
    }
}
