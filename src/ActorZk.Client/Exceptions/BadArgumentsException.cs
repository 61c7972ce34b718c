using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The server rejected the request's arguments (<see cref="ErrorCode.BadArguments"/>).</summary>
public sealed class BadArgumentsException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public BadArgumentsException(string? path)
        : base(ErrorCode.BadArguments, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BadArgumentsException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.BadArguments, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public BadArgumentsException()
        : base(ErrorCode.BadArguments, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public BadArgumentsException(string message, Exception innerException)
        : base(ErrorCode.BadArguments, null, message, innerException)
    {
    }
}
