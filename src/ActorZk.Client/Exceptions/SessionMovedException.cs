using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The session moved to another server (<see cref="ErrorCode.SessionMoved"/>).</summary>
public sealed class SessionMovedException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public SessionMovedException(string? path)
        : base(ErrorCode.SessionMoved, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SessionMovedException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.SessionMoved, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public SessionMovedException()
        : base(ErrorCode.SessionMoved, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public SessionMovedException(string message, Exception innerException)
        : base(ErrorCode.SessionMoved, null, message, innerException)
    {
    }
}
