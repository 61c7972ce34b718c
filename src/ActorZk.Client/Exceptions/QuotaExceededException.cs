using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>A quota was exceeded (<see cref="ErrorCode.QuotaExceeded"/>).</summary>
public sealed class QuotaExceededException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public QuotaExceededException(string? path)
        : base(ErrorCode.QuotaExceeded, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public QuotaExceededException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.QuotaExceeded, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public QuotaExceededException()
        : base(ErrorCode.QuotaExceeded, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public QuotaExceededException(string message, Exception innerException)
        : base(ErrorCode.QuotaExceeded, null, message, innerException)
    {
    }
}
