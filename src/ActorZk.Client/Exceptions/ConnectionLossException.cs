using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The connection to the server was lost before the reply arrived; the request may or may not have been applied (<see cref="ErrorCode.ConnectionLoss"/>).</summary>
public sealed class ConnectionLossException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public ConnectionLossException(string? path)
        : base(ErrorCode.ConnectionLoss, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ConnectionLossException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.ConnectionLoss, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public ConnectionLossException()
        : base(ErrorCode.ConnectionLoss, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectionLossException(string message, Exception innerException)
        : base(ErrorCode.ConnectionLoss, null, message, innerException)
    {
    }
}
