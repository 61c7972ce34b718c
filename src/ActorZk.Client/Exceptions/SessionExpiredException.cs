using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The session has expired or been closed; the client cannot be used any more (<see cref="ErrorCode.SessionExpired"/>).</summary>
public sealed class SessionExpiredException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public SessionExpiredException(string? path)
        : base(ErrorCode.SessionExpired, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SessionExpiredException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.SessionExpired, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public SessionExpiredException()
        : base(ErrorCode.SessionExpired, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public SessionExpiredException(string message, Exception innerException)
        : base(ErrorCode.SessionExpired, null, message, innerException)
    {
    }
}
