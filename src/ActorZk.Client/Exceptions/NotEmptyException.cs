using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The znode has children and cannot be deleted (<see cref="ErrorCode.NotEmpty"/>).</summary>
public sealed class NotEmptyException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public NotEmptyException(string? path)
        : base(ErrorCode.NotEmpty, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NotEmptyException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.NotEmpty, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public NotEmptyException()
        : base(ErrorCode.NotEmpty, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public NotEmptyException(string message, Exception innerException)
        : base(ErrorCode.NotEmpty, null, message, innerException)
    {
    }
}
