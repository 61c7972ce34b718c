using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>A create operation; see <see cref="Op.Create"/>.</summary>
public sealed record CreateOp : Op
{
    internal CreateOp(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode, long? ttl)
        : base(path)
    {
        Data = data;
        Acl = acl;
        Mode = mode;
        Ttl = ttl;
    }

    /// <summary>The data.</summary>
    public byte[]? Data { get; }

    /// <summary>The ACL.</summary>
    public IReadOnlyList<Acl> Acl { get; }

    /// <summary>The create mode.</summary>
    public CreateMode Mode { get; }

    /// <summary>The TTL in milliseconds for the TTL modes.</summary>
    public long? Ttl { get; }

    /// <inheritdoc />
    public override bool IsRead => false;

    internal override MultiOp ToProtocol(Chroot chroot)
    {
        var serverPath = chroot.Prepend(Path);
        if (Ttl is { } ttl)
        {
            return MultiOp.CreateTtl(new CreateTTLRequest(serverPath, Data, Acl, (int)Mode, ttl));
        }

        var request = new CreateRequest(serverPath, Data, Acl, (int)Mode);
        return MultiOp.Create(request, Mode.IsContainer() ? OpCode.CreateContainer : OpCode.Create);
    }
}
