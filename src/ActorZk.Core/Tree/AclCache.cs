namespace ActorZk.Core.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// Shares one list instance between all nodes with equal ACLs, with reference counts so unused lists go away
/// (the role of ZooKeeper's <c>ReferenceCountedACLCache</c>). Most trees hold a handful of distinct ACLs.
/// </summary>
internal sealed class AclCache
{
    private readonly Dictionary<IReadOnlyList<Acl>, Entry> entries = new(AclListComparer.Instance);

    /// <summary>Number of distinct ACL lists in use (ZooKeeper's <c>aclCacheSize</c>).</summary>
    public int Count => entries.Count;

    /// <summary>Returns the shared instance equal to <paramref name="acl"/> and counts one more user.</summary>
    public IReadOnlyList<Acl> Intern(IReadOnlyList<Acl> acl)
    {
        if (entries.TryGetValue(acl, out var entry))
        {
            entry.References++;
            return entry.List;
        }

        // Own a private copy so a caller's mutable list can never change a stored ACL.
        var copy = new Acl[acl.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = acl[i];
        }

        entries[copy] = new Entry(copy);
        return copy;
    }

    /// <summary>Drops one user of a list obtained from <see cref="Intern"/>.</summary>
    public void Release(IReadOnlyList<Acl> acl)
    {
        // The built-in nodes hold the static world:anyone list, which is never counted (ZooKeeper's -1 ACL id).
        if (ReferenceEquals(acl, Acl.OpenAclUnsafe) || !entries.TryGetValue(acl, out var entry))
        {
            return;
        }

        if (--entry.References <= 0)
        {
            entries.Remove(acl);
        }
    }

    public void Clear() => entries.Clear();

    private sealed class Entry(IReadOnlyList<Acl> list)
    {
        public IReadOnlyList<Acl> List { get; } = list;

        public int References { get; set; } = 1;
    }

    private sealed class AclListComparer : IEqualityComparer<IReadOnlyList<Acl>>
    {
        public static readonly AclListComparer Instance = new();

        public bool Equals(IReadOnlyList<Acl>? x, IReadOnlyList<Acl>? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Count != y.Count)
            {
                return false;
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (!x[i].Equals(y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<Acl> obj)
        {
            var hash = new HashCode();
            for (var i = 0; i < obj.Count; i++)
            {
                hash.Add(obj[i]);
            }

            return hash.ToHashCode();
        }
    }
}
