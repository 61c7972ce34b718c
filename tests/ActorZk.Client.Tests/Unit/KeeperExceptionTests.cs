using ActorZk.Client.Exceptions;
using ActorZk.Protocol;

namespace ActorZk.Client.Tests.Unit;

public sealed class KeeperExceptionTests
{
    [Theory]
    [InlineData(ErrorCode.ConnectionLoss, typeof(ConnectionLossException))]
    [InlineData(ErrorCode.NoNode, typeof(NoNodeException))]
    [InlineData(ErrorCode.NodeExists, typeof(NodeExistsException))]
    [InlineData(ErrorCode.BadVersion, typeof(BadVersionException))]
    [InlineData(ErrorCode.NotEmpty, typeof(NotEmptyException))]
    [InlineData(ErrorCode.NoAuth, typeof(NoAuthException))]
    [InlineData(ErrorCode.SessionExpired, typeof(SessionExpiredException))]
    [InlineData(ErrorCode.InvalidAcl, typeof(InvalidAclException))]
    [InlineData(ErrorCode.AuthFailed, typeof(AuthFailedException))]
    [InlineData(ErrorCode.NoChildrenForEphemerals, typeof(NoChildrenForEphemeralsException))]
    [InlineData(ErrorCode.NoWatcher, typeof(NoWatcherException))]
    [InlineData(ErrorCode.RequestTimeout, typeof(RequestTimeoutException))]
    [InlineData(ErrorCode.NotReadOnly, typeof(NotReadOnlyException))]
    [InlineData(ErrorCode.SessionMoved, typeof(SessionMovedException))]
    [InlineData(ErrorCode.MarshallingError, typeof(MarshallingErrorException))]
    [InlineData(ErrorCode.Unimplemented, typeof(UnimplementedException))]
    [InlineData(ErrorCode.BadArguments, typeof(BadArgumentsException))]
    [InlineData(ErrorCode.QuotaExceeded, typeof(QuotaExceededException))]
    [InlineData(ErrorCode.Throttled, typeof(ThrottledException))]
    [InlineData(ErrorCode.OperationTimeout, typeof(OperationTimeoutException))]
    [InlineData(ErrorCode.EphemeralOnLocalSession, typeof(EphemeralOnLocalSessionException))]
    public void Create_picks_the_subclass_of_the_code(ErrorCode code, Type type)
    {
        var exception = KeeperException.Create(code, "/p");
        Assert.IsType(type, exception);
        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal("/p", exception.Path);
        Assert.Contains("/p", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.MultiResults);
        Assert.Equal(-1, exception.FailedOpIndex);
    }

    [Theory]
    [InlineData(ErrorCode.SystemError)]
    [InlineData(ErrorCode.ReconfigInProgress)]
    [InlineData((ErrorCode)(-999))]
    public void Other_codes_get_the_base_class(ErrorCode code)
    {
        var exception = KeeperException.Create(code);
        Assert.Equal(typeof(KeeperException), exception.GetType());
        Assert.Equal(code, exception.ErrorCode);
        Assert.Null(exception.Path);
    }
}
