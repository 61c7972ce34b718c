using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The server does not implement the operation (<see cref="ErrorCode.Unimplemented"/>).</summary>
public sealed class UnimplementedException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public UnimplementedException(string? path)
        : base(ErrorCode.Unimplemented, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public UnimplementedException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.Unimplemented, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public UnimplementedException()
        : base(ErrorCode.Unimplemented, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public UnimplementedException(string message, Exception innerException)
        : base(ErrorCode.Unimplemented, null, message, innerException)
    {
    }
}
