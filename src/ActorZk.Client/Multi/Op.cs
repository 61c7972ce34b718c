using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>
/// One operation of <see cref="ZooKeeperClient.MultiAsync"/> (create, delete, setData, check) or of
/// <see cref="ZooKeeperClient.MultiReadAsync"/> (getData, getChildren). Build them with the static factories, which
/// check paths and arguments as ZooKeeper's <c>Op</c> does.
/// </summary>
public abstract record Op
{
    private protected Op(string path)
    {
        Path = path;
    }

    /// <summary>The client path the operation applies to.</summary>
    public string Path { get; }

    /// <summary>True for the read operations of a multiRead.</summary>
    public abstract bool IsRead { get; }

    /// <summary>A create of <paramref name="path"/>.</summary>
    /// <param name="path">The path (a prefix, for sequential modes).</param>
    /// <param name="data">The data, possibly null.</param>
    /// <param name="acl">The ACL; must not be empty.</param>
    /// <param name="mode">The create mode.</param>
    /// <param name="ttl">The TTL in milliseconds, required for (and only for) the TTL modes.</param>
    /// <returns>The operation.</returns>
    public static CreateOp Create(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent, long? ttl = null)
    {
        PathValidator.Validate(path, mode.IsSequential());
        CreateArguments.Validate(acl, mode, ttl);
        return new CreateOp(path, data, acl, mode, ttl);
    }

    /// <summary>A delete of <paramref name="path"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="version">The expected data version, or -1 for any.</param>
    /// <returns>The operation.</returns>
    public static DeleteOp Delete(string path, int version = -1)
    {
        PathValidator.Validate(path);
        return new DeleteOp(path, version);
    }

    /// <summary>A setData of <paramref name="path"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="data">The new data, possibly null.</param>
    /// <param name="version">The expected data version, or -1 for any.</param>
    /// <returns>The operation.</returns>
    public static SetDataOp SetData(string path, byte[]? data, int version = -1)
    {
        PathValidator.Validate(path);
        return new SetDataOp(path, data, version);
    }

    /// <summary>A check that <paramref name="path"/> exists with data version <paramref name="version"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="version">The expected data version, or -1 for any (then only existence is checked).</param>
    /// <returns>The operation.</returns>
    public static CheckOp Check(string path, int version)
    {
        PathValidator.Validate(path);
        return new CheckOp(path, version);
    }

    /// <summary>A getData of <paramref name="path"/>, for a multiRead.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The operation.</returns>
    public static GetDataOp GetData(string path)
    {
        PathValidator.Validate(path);
        return new GetDataOp(path);
    }

    /// <summary>A getChildren of <paramref name="path"/>, for a multiRead.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The operation.</returns>
    public static GetChildrenOp GetChildren(string path)
    {
        PathValidator.Validate(path);
        return new GetChildrenOp(path);
    }

    /// <summary>The wire form, with the chroot applied.</summary>
    internal abstract MultiOp ToProtocol(Chroot chroot);
}
