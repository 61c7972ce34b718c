using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>A getChildren of a multiRead; see <see cref="Op.GetChildren"/>. It never leaves a watch.</summary>
public sealed record GetChildrenOp : Op
{
    internal GetChildrenOp(string path)
        : base(path)
    {
    }

    /// <inheritdoc />
    public override bool IsRead => true;

    internal override MultiOp ToProtocol(Chroot chroot) => MultiOp.GetChildren(new GetChildrenRequest(chroot.Prepend(Path), false));
}
