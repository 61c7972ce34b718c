using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The server could not decode the request (<see cref="ErrorCode.MarshallingError"/>).</summary>
public sealed class MarshallingErrorException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public MarshallingErrorException(string? path)
        : base(ErrorCode.MarshallingError, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MarshallingErrorException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.MarshallingError, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public MarshallingErrorException()
        : base(ErrorCode.MarshallingError, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public MarshallingErrorException(string message, Exception innerException)
        : base(ErrorCode.MarshallingError, null, message, innerException)
    {
    }
}
