using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>
/// Collects write operations and commits them atomically with <see cref="ZooKeeperClient.MultiAsync"/>.
/// Create one with <see cref="ZooKeeperClient.CreateTransaction"/>. Not thread-safe.
/// </summary>
public sealed class Transaction
{
    private readonly ZooKeeperClient client;
    private readonly List<Op> ops = [];

    internal Transaction(ZooKeeperClient client)
    {
        this.client = client;
    }

    /// <summary>The operations added so far.</summary>
    public IReadOnlyList<Op> Ops => ops;

    /// <summary>Adds a create; see <see cref="Op.Create"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="data">The data.</param>
    /// <param name="acl">The ACL.</param>
    /// <param name="mode">The create mode.</param>
    /// <param name="ttl">The TTL for TTL modes.</param>
    /// <returns>This transaction.</returns>
    public Transaction Create(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent, long? ttl = null)
    {
        ops.Add(Op.Create(path, data, acl, mode, ttl));
        return this;
    }

    /// <summary>Adds a delete; see <see cref="Op.Delete"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="version">The expected version, or -1.</param>
    /// <returns>This transaction.</returns>
    public Transaction Delete(string path, int version = -1)
    {
        ops.Add(Op.Delete(path, version));
        return this;
    }

    /// <summary>Adds a setData; see <see cref="Op.SetData"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="data">The new data.</param>
    /// <param name="version">The expected version, or -1.</param>
    /// <returns>This transaction.</returns>
    public Transaction SetData(string path, byte[]? data, int version = -1)
    {
        ops.Add(Op.SetData(path, data, version));
        return this;
    }

    /// <summary>Adds a version check; see <see cref="Op.Check"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="version">The expected version, or -1.</param>
    /// <returns>This transaction.</returns>
    public Transaction Check(string path, int version)
    {
        ops.Add(Op.Check(path, version));
        return this;
    }

    /// <summary>Commits the operations atomically.</summary>
    /// <param name="cancellationToken">Stops waiting for the reply (the transaction may still be applied).</param>
    /// <returns>One result per operation.</returns>
    /// <exception cref="Exceptions.KeeperException">An op failed (the exception carries
    /// <see cref="Exceptions.KeeperException.MultiResults"/>), or the request failed.</exception>
    public Task<IReadOnlyList<OpResult>> CommitAsync(CancellationToken cancellationToken = default)
        => client.MultiAsync(ops, cancellationToken);
}
