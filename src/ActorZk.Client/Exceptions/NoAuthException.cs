using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The session lacks the permission the znode's ACL requires (<see cref="ErrorCode.NoAuth"/>).</summary>
public sealed class NoAuthException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public NoAuthException(string? path)
        : base(ErrorCode.NoAuth, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NoAuthException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.NoAuth, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public NoAuthException()
        : base(ErrorCode.NoAuth, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public NoAuthException(string message, Exception innerException)
        : base(ErrorCode.NoAuth, null, message, innerException)
    {
    }
}
