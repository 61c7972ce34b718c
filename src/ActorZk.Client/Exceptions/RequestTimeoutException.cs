using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>No reply arrived within the request timeout; the connection was reset (<see cref="ErrorCode.RequestTimeout"/>).</summary>
public sealed class RequestTimeoutException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public RequestTimeoutException(string? path)
        : base(ErrorCode.RequestTimeout, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public RequestTimeoutException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.RequestTimeout, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public RequestTimeoutException()
        : base(ErrorCode.RequestTimeout, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public RequestTimeoutException(string message, Exception innerException)
        : base(ErrorCode.RequestTimeout, null, message, innerException)
    {
    }
}
