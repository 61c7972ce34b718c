using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>A getData of a multiRead; see <see cref="Op.GetData"/>. It never leaves a watch.</summary>
public sealed record GetDataOp : Op
{
    internal GetDataOp(string path)
        : base(path)
    {
    }

    /// <inheritdoc />
    public override bool IsRead => true;

    internal override MultiOp ToProtocol(Chroot chroot) => MultiOp.GetData(new GetDataRequest(chroot.Prepend(Path), false));
}
