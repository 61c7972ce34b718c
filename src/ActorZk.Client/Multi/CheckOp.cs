using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>A version check; see <see cref="Op.Check"/>.</summary>
public sealed record CheckOp : Op
{
    internal CheckOp(string path, int version)
        : base(path)
    {
        Version = version;
    }

    /// <summary>The expected version, or -1.</summary>
    public int Version { get; }

    /// <inheritdoc />
    public override bool IsRead => false;

    internal override MultiOp ToProtocol(Chroot chroot) => MultiOp.Check(new CheckVersionRequest(chroot.Prepend(Path), Version));
}
