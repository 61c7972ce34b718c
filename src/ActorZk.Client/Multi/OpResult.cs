using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>The result of one <see cref="Op"/> of a multi or multiRead, in op order.</summary>
public abstract record OpResult
{
    private protected OpResult()
    {
    }

    /// <summary>The op's error code: <see cref="ErrorCode.Ok"/> except for an <see cref="ErrorResult"/>.</summary>
    public virtual ErrorCode Error => ErrorCode.Ok;

    /// <summary>Maps a wire result to the client's type, stripping the chroot from created paths.</summary>
    internal static OpResult FromProtocol(MultiResult result, Chroot chroot) => result.Response switch
    {
        _ when result.IsError => new ErrorResult(result.Err),
        CreateResponse create => new CreateResult(chroot.Strip(create.Path), null),
        Create2Response create2 => new CreateResult(chroot.Strip(create2.Path), create2.Stat),
        SetDataResponse setData => new SetDataResult(setData.Stat),
        GetDataResponse getData => new GetDataResult(getData.Data, getData.Stat),
        GetChildrenResponse children => new GetChildrenResult(children.Children),
        _ when result.Type == OpCode.Delete => new DeleteResult(),
        _ when result.Type == OpCode.Check => new CheckResult(),
        _ => new ErrorResult(ErrorCode.MarshallingError),
    };
}
