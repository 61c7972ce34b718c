using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// A znode: data, ACL, persisted stat and child names. Read-only outside the tree; the tree mutates it
/// while applying txns.
/// </summary>
public sealed class DataNode
{
    internal StatPersisted persistedStat;
    // In the order ZooKeeper's DataNode lists its children (a java.util.HashSet made with capacity 8): getChildren
    // answers in it.
    internal JavaStringHashSet? childNames;

    internal DataNode(byte[]? data, IReadOnlyList<Acl> acl, in StatPersisted stat)
    {
        Data = data;
        Acl = acl;
        persistedStat = stat;
    }

    /// <summary>The data; <see langword="null"/> is kept distinct from an empty array, as in ZooKeeper.</summary>
    public byte[]? Data { get; internal set; }

    /// <summary>The ACL (shared between nodes with equal ACLs; never mutated).</summary>
    public IReadOnlyList<Acl> Acl { get; internal set; }

    /// <summary>The persisted stat.</summary>
    public StatPersisted Stat => persistedStat;

    /// <summary>Number of children.</summary>
    public int ChildCount => childNames?.Count ?? 0;

    /// <summary>The child names (not paths), in the order ZooKeeper would list them.</summary>
    public IReadOnlyCollection<string> Children => (IReadOnlyCollection<string>?)childNames ?? [];

    /// <summary>
    /// The stat clients see (ZooKeeper's <c>DataNode.copyStat</c>). The stored cversion counts creates only,
    /// so the client cversion is <c>2 * cversion - numChildren</c>, which counts every create and delete; the
    /// owner is 0 for containers and TTL nodes.
    /// </summary>
    /// <param name="extendedTypesEnabled">Whether TTL owners are recognised (see <see cref="CoreOptions.ExtendedTypesEnabled"/>).</param>
    public Stat ToStat(bool extendedTypesEnabled)
    {
        var numChildren = ChildCount;
        return new Stat(
            persistedStat.Czxid,
            persistedStat.Mzxid,
            persistedStat.Ctime,
            persistedStat.Mtime,
            persistedStat.Version,
            (persistedStat.Cversion * 2) - numChildren,
            persistedStat.Aversion,
            EphemeralOwner.ClientVisible(persistedStat.EphemeralOwner, extendedTypesEnabled),
            Data?.Length ?? 0,
            numChildren,
            persistedStat.Pzxid);
    }

    internal bool AddChild(string name)
    {
        childNames ??= new JavaStringHashSet(8);
        return childNames.Add(name);
    }

    internal bool RemoveChild(string name) => childNames is not null && childNames.Remove(name);
}
