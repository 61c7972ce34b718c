using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>A delete operation; see <see cref="Op.Delete"/>.</summary>
public sealed record DeleteOp : Op
{
    internal DeleteOp(string path, int version)
        : base(path)
    {
        Version = version;
    }

    /// <summary>The expected version, or -1.</summary>
    public int Version { get; }

    /// <inheritdoc />
    public override bool IsRead => false;

    internal override MultiOp ToProtocol(Chroot chroot) => MultiOp.Delete(new DeleteRequest(chroot.Prepend(Path), Version));
}
