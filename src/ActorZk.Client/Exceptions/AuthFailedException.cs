using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>Authentication failed; the client cannot be used any more (<see cref="ErrorCode.AuthFailed"/>).</summary>
public sealed class AuthFailedException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public AuthFailedException(string? path)
        : base(ErrorCode.AuthFailed, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AuthFailedException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.AuthFailed, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public AuthFailedException()
        : base(ErrorCode.AuthFailed, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public AuthFailedException(string message, Exception innerException)
        : base(ErrorCode.AuthFailed, null, message, innerException)
    {
    }
}
