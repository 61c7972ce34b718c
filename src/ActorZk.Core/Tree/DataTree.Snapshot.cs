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

    internal const byte TagHeader = 1;
    internal const byte TagSessions = 2;
    internal const byte TagAcl = 3;
    internal const byte TagNode = 4;
    internal const byte TagEnd = 5;
    internal const int BuiltInAclIndex = -1;

    /// <summary>Writes the tree, the session table and <see cref="LastProcessedZxid"/> to <paramref name="stream"/>.</summary>
    public void Serialize(Stream stream)
    {
        using var writer = BeginSnapshot(stream);
        while (!writer.WriteNext(int.MaxValue))
        {
        }
    }

    /// <summary>
    /// Starts a snapshot that is written a few nodes at a time (<see cref="TreeSnapshotWriter.WriteNext"/>), so
    /// that the owner of the tree can apply txns between two steps. Such a snapshot is fuzzy, as ZooKeeper's:
    /// it is labelled with the zxid at its start, each node is written as it is when its turn comes, and
    /// replaying the txns after the label (which <see cref="ProcessTxn"/> tolerates for nodes that already
    /// reflect them) brings a tree loaded from it to the exact state.
    /// </summary>
    public TreeSnapshotWriter BeginSnapshot(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new TreeSnapshotWriter(this, stream, ownsStream: false);
    }

    /// <summary>Starts a stepwise snapshot into memory; <see cref="TreeSnapshotWriter.ToArray"/> gives the bytes once done.</summary>
    public TreeSnapshotWriter BeginSnapshot() => new(this, new MemoryStream(), ownsStream: true);

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
        TrackOwner(path, stat.EphemeralOwner);
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
}
