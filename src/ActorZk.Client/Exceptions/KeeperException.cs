using ActorZk.Client.Multi;
using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>
/// A ZooKeeper error: the server answered a request with a non-zero <see cref="ErrorCode"/>, or the client
/// could not get an answer (connection loss, session expiry). Common codes have their own subclass
/// (for example <see cref="NoNodeException"/>); <see cref="Create(ErrorCode, string?)"/> picks it.
/// </summary>
public class KeeperException : Exception
{
    /// <summary>Creates an exception for <paramref name="errorCode"/> about <paramref name="path"/>.</summary>
    /// <param name="errorCode">The ZooKeeper error code.</param>
    /// <param name="path">The client path the failed request was about, if any.</param>
    public KeeperException(ErrorCode errorCode, string? path)
        : base(FormatMessage(errorCode, path, null))
    {
        ErrorCode = errorCode;
        Path = path;
    }

    /// <summary>Creates an exception for <paramref name="errorCode"/> with a detail message.</summary>
    /// <param name="errorCode">The ZooKeeper error code.</param>
    /// <param name="path">The client path the failed request was about, if any.</param>
    /// <param name="detail">Extra text appended to the message.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public KeeperException(ErrorCode errorCode, string? path, string? detail, Exception? innerException = null)
        : base(FormatMessage(errorCode, path, detail), innerException)
    {
        ErrorCode = errorCode;
        Path = path;
    }

    /// <summary>Creates a <see cref="ErrorCode.SystemError"/> exception with a message.</summary>
    public KeeperException()
        : this(ErrorCode.SystemError, null)
    {
    }

    /// <summary>Creates a <see cref="ErrorCode.SystemError"/> exception with a message.</summary>
    /// <param name="message">The message.</param>
    public KeeperException(string message)
        : base(message)
    {
        ErrorCode = ErrorCode.SystemError;
    }

    /// <summary>Creates a <see cref="ErrorCode.SystemError"/> exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public KeeperException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = ErrorCode.SystemError;
    }

    /// <summary>The ZooKeeper error code.</summary>
    public ErrorCode ErrorCode { get; }

    /// <summary>The client path of the failed request, or <see langword="null"/> when the request had none.</summary>
    public string? Path { get; }

    /// <summary>
    /// For a failed multi: one result per op (an <see cref="ErrorResult"/> for each, as the server reports them:
    /// <see cref="ErrorCode.Ok"/> before the failing op, its error, <see cref="ErrorCode.RuntimeInconsistency"/> after);
    /// <see langword="null"/> for other requests.
    /// </summary>
    public IReadOnlyList<OpResult>? MultiResults { get; internal set; }

    /// <summary>
    /// For a failed multi: the index of the op that failed (the first result whose error is not Ok), or -1.
    /// </summary>
    public int FailedOpIndex { get; internal set; } = -1;

    /// <summary>Creates the subclass that matches <paramref name="errorCode"/>, or a plain <see cref="KeeperException"/>.</summary>
    /// <param name="errorCode">A non-Ok error code.</param>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <returns>The exception (not thrown).</returns>
    public static KeeperException Create(ErrorCode errorCode, string? path = null) => errorCode switch
    {
        ErrorCode.ConnectionLoss => new ConnectionLossException(path),
        ErrorCode.MarshallingError => new MarshallingErrorException(path),
        ErrorCode.Unimplemented => new UnimplementedException(path),
        ErrorCode.OperationTimeout => new OperationTimeoutException(path),
        ErrorCode.BadArguments => new BadArgumentsException(path),
        ErrorCode.NoNode => new NoNodeException(path),
        ErrorCode.NoAuth => new NoAuthException(path),
        ErrorCode.BadVersion => new BadVersionException(path),
        ErrorCode.NoChildrenForEphemerals => new NoChildrenForEphemeralsException(path),
        ErrorCode.NodeExists => new NodeExistsException(path),
        ErrorCode.NotEmpty => new NotEmptyException(path),
        ErrorCode.SessionExpired => new SessionExpiredException(path),
        ErrorCode.InvalidAcl => new InvalidAclException(path),
        ErrorCode.AuthFailed => new AuthFailedException(path),
        ErrorCode.SessionMoved => new SessionMovedException(path),
        ErrorCode.NotReadOnly => new NotReadOnlyException(path),
        ErrorCode.EphemeralOnLocalSession => new EphemeralOnLocalSessionException(path),
        ErrorCode.NoWatcher => new NoWatcherException(path),
        ErrorCode.RequestTimeout => new RequestTimeoutException(path),
        ErrorCode.QuotaExceeded => new QuotaExceededException(path),
        ErrorCode.Throttled => new ThrottledException(path),
        _ => new KeeperException(errorCode, path),
    };

    private static string FormatMessage(ErrorCode errorCode, string? path, string? detail)
    {
        var text = $"KeeperErrorCode = {errorCode} ({(int)errorCode})";
        if (path is not null)
        {
            text += $" for {path}";
        }

        return detail is null ? text : $"{text}: {detail}";
    }
}
