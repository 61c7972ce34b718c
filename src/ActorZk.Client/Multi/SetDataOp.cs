using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>A setData operation; see <see cref="Op.SetData"/>.</summary>
public sealed record SetDataOp : Op
{
    internal SetDataOp(string path, byte[]? data, int version)
        : base(path)
    {
        Data = data;
        Version = version;
    }

    /// <summary>The new data.</summary>
    public byte[]? Data { get; }

    /// <summary>The expected version, or -1.</summary>
    public int Version { get; }

    /// <inheritdoc />
    public override bool IsRead => false;

    internal override MultiOp ToProtocol(Chroot chroot) => MultiOp.SetData(new SetDataRequest(chroot.Prepend(Path), Data, Version));
}
