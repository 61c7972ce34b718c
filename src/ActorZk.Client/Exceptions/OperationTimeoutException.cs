using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The operation timed out on the server (<see cref="ErrorCode.OperationTimeout"/>).</summary>
public sealed class OperationTimeoutException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public OperationTimeoutException(string? path)
        : base(ErrorCode.OperationTimeout, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public OperationTimeoutException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.OperationTimeout, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public OperationTimeoutException()
        : base(ErrorCode.OperationTimeout, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public OperationTimeoutException(string message, Exception innerException)
        : base(ErrorCode.OperationTimeout, null, message, innerException)
    {
    }
}
