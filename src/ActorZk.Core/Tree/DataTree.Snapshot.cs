using System.Buffers;
using System.Buffers.Binary;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

/// <content>
/// Snapshot form of the tree and the session table. The stream is a sequence of frames, each a 4-byte
/// big-endian length and a jute body starting with a one-byte tag: a header (magic, format version, last
/// zxid), session chunks, ACL lists (each written just before the first node that uses it), nodes in
/// depth-first order with children sorted ordinally (so parents precede children and equal trees give equal
/// bytes), and an end frame with the node count. Frames keep memory bounded on both sides.
/// </content>
public sealed partial class DataTree
{
    /// <summary>"AZKS": marks an ActorZk snapshot.</summary>
    public const int SnapshotMagic = 0x415A4B53;

    /// <summary>The snapshot format version written by <see cref="Serialize"/>.</summary>
    public const int SnapshotFormatVersion = 1;

    private const byte TagHeader = 1;
    private const byte TagSessions = 2;
    private const byte TagAcl = 3;
    private const byte TagNode = 4;
    private const byte TagEnd = 5;
    private const int SessionsPerFrame = 4096;
    private const int FlushThreshold = 64 * 1024;
    private const int BuiltInAclIndex = -1;

    /// <summary>Writes the tree, the session table and <see cref="LastProcessedZxid"/> to <paramref name="stream"/>.</summary>
    public void Serialize(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var output = new PooledBufferWriter(FlushThreshold + 4096);
        var frames = new FrameWriter(stream, output);

        var writer = frames.Begin(TagHeader);
        writer.WriteInt(SnapshotMagic);
        writer.WriteInt(SnapshotFormatVersion);
        writer.WriteLong(LastProcessedZxid);
        frames.End();

        var sessionIds = new List<long>(sessions.Keys);
        sessionIds.Sort();
        for (var start = 0; start < sessionIds.Count; start += SessionsPerFrame)
        {
            var count = Math.Min(SessionsPerFrame, sessionIds.Count - start);
            writer = frames.Begin(TagSessions);
            writer.WriteInt(count);
            for (var i = start; i < start + count; i++)
            {
                writer.WriteLong(sessionIds[i]);
                writer.WriteInt(sessions[sessionIds[i]]);
            }

            frames.End();
        }

        var aclIndexes = new Dictionary<IReadOnlyList<Acl>, int>(ReferenceEqualityComparer.Instance);
        var nodeCount = 0;
        var stack = new Stack<string>();
        stack.Push("/");
        var names = new List<string>();
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            var node = nodes[path];
            int aclIndex;
            if (ReferenceEquals(node.Acl, Acl.OpenAclUnsafe))
            {
                aclIndex = BuiltInAclIndex;
            }
            else if (!aclIndexes.TryGetValue(node.Acl, out aclIndex))
            {
                aclIndex = aclIndexes.Count;
                aclIndexes[node.Acl] = aclIndex;
                writer = frames.Begin(TagAcl);
                writer.WriteInt(aclIndex);
                writer.WriteVector(node.Acl);
                frames.End();
            }

            writer = frames.Begin(TagNode);
            writer.WriteString(path);
            writer.WriteBuffer(node.Data);
            writer.WriteInt(aclIndex);
            node.persistedStat.Serialize(ref writer);
            frames.End();
            nodeCount++;

            if (node.childNames is { Count: > 0 })
            {
                names.Clear();
                names.AddRange(node.childNames);
                names.Sort(StringComparer.Ordinal);
                var prefix = path == "/" ? "/" : path + "/";
                for (var i = names.Count - 1; i >= 0; i--)
                {
                    stack.Push(prefix + names[i]);
                }
            }
        }

        writer = frames.Begin(TagEnd);
        writer.WriteInt(nodeCount);
        frames.End();
        frames.Flush();
    }

    /// <summary>Reads a tree written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JuteException">The stream is not a valid snapshot.</exception>
    /// <exception cref="EndOfStreamException">The stream ends early.</exception>
    public static DataTree Deserialize(Stream stream, CoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var tree = new DataTree(options);
        tree.LoadSnapshot(stream);
        return tree;
    }

    private void LoadSnapshot(Stream stream)
    {
        nodes.Clear();
        ephemerals.Clear();
        containers.Clear();
        ttls.Clear();
        sessions.Clear();
        aclCache.Clear();
        var acls = new List<IReadOnlyList<Acl>>();
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var sawHeader = false;
            var nodeCount = 0;
            while (true)
            {
                var length = ReadFrame(stream, ref buffer);
                var tag = buffer[0];
                var reader = new JuteReader(buffer.AsSpan(1, length - 1));
                if (!sawHeader && tag != TagHeader)
                {
                    JuteException.Throw("Snapshot does not start with a header");
                }

                switch (tag)
                {
                    case TagHeader:
                        if (reader.ReadInt() != SnapshotMagic)
                        {
                            JuteException.Throw("Not an ActorZk snapshot");
                        }

                        var version = reader.ReadInt();
                        if (version != SnapshotFormatVersion)
                        {
                            JuteException.Throw($"Unsupported snapshot format version {version}");
                        }

                        LastProcessedZxid = reader.ReadLong();
                        sawHeader = true;
                        break;

                    case TagSessions:
                        var count = reader.ReadInt();
                        for (var i = 0; i < count; i++)
                        {
                            var id = reader.ReadLong();
                            sessions[id] = reader.ReadInt();
                        }

                        break;

                    case TagAcl:
                        var index = reader.ReadInt();
                        if (index != acls.Count)
                        {
                            JuteException.Throw($"ACL {index} out of order");
                        }

                        acls.Add(reader.ReadVector<Acl>() ?? []);
                        break;

                    case TagNode:
                        LoadNode(ref reader, acls);
                        nodeCount++;
                        break;

                    case TagEnd:
                        if (reader.ReadInt() != nodeCount)
                        {
                            JuteException.Throw("Snapshot node count mismatch");
                        }

                        if (!nodes.ContainsKey("/"))
                        {
                            JuteException.Throw("Snapshot has no root");
                        }

                        nodeDataSize = ComputeApproximateDataSize();
                        SetupQuotas();
                        return;

                    default:
                        JuteException.Throw($"Unknown snapshot frame tag {tag}");
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void LoadNode(ref JuteReader reader, List<IReadOnlyList<Acl>> acls)
    {
        var path = reader.ReadString() ?? string.Empty;
        var data = reader.ReadBuffer();
        var aclIndex = reader.ReadInt();
        var stat = StatPersisted.Deserialize(ref reader);
        IReadOnlyList<Acl> acl;
        if (aclIndex == BuiltInAclIndex)
        {
            acl = Acl.OpenAclUnsafe;
        }
        else if (aclIndex >= 0 && aclIndex < acls.Count)
        {
            acl = aclCache.Intern(acls[aclIndex]);
        }
        else
        {
            JuteException.Throw($"Unknown ACL {aclIndex} for {path}");
            return;
        }

        var node = new DataNode(data, acl, stat);
        if (path == "/")
        {
            nodes[string.Empty] = node;
            nodes["/"] = node;
            return;
        }

        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || !nodesBySpan.TryGetValue(path.AsSpan(0, lastSlash), out var parent) || nodes.ContainsKey(path))
        {
            JuteException.Throw($"Invalid snapshot: no parent for {path} or duplicate node");
            return;
        }

        parent.AddChild(path[(lastSlash + 1)..]);
        nodes[path] = node;
        var owner = stat.EphemeralOwner;
        switch (EphemeralOwner.GetKind(owner, extendedTypes))
        {
            case EphemeralKind.Container:
                containers.Add(path);
                break;
            case EphemeralKind.Ttl:
                ttls.Add(path);
                break;
            case EphemeralKind.Normal:
                if (!ephemerals.TryGetValue(owner, out var owned))
                {
                    owned = new HashSet<string>(StringComparer.Ordinal);
                    ephemerals[owner] = owned;
                }

                owned.Add(path);
                break;
            default:
                break;
        }
    }

    private static int ReadFrame(Stream stream, ref byte[] buffer)
    {
        Span<byte> prefix = stackalloc byte[4];
        stream.ReadExactly(prefix);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length < 1)
        {
            JuteException.Throw($"Invalid snapshot frame length {length}");
        }

        if (buffer.Length < length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }

        stream.ReadExactly(buffer, 0, length);
        return length;
    }

    // Frames are built in one pooled buffer and written to the stream in large chunks.
    private sealed class FrameWriter(Stream stream, PooledBufferWriter output)
    {
        private int frameStart;

        public JuteWriter Begin(byte tag)
        {
            frameStart = output.WrittenCount;
            var writer = new JuteWriter(output);
            writer.WriteInt(0);
            output.GetSpan(1)[0] = tag;
            output.Advance(1);
            return writer;
        }

        public void End()
        {
            output.PatchInt(frameStart, output.WrittenCount - frameStart - 4);
            if (output.WrittenCount >= FlushThreshold)
            {
                Flush();
            }
        }

        public void Flush()
        {
            stream.Write(output.WrittenSpan);
            output.Clear();
        }
    }
}
