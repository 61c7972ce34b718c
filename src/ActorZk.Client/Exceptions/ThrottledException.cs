using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The server throttled the operation (<see cref="ErrorCode.Throttled"/>).</summary>
public sealed class ThrottledException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public ThrottledException(string? path)
        : base(ErrorCode.Throttled, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ThrottledException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.Throttled, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public ThrottledException()
        : base(ErrorCode.Throttled, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public ThrottledException(string message, Exception innerException)
        : base(ErrorCode.Throttled, null, message, innerException)
    {
    }
}
